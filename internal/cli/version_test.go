package cli

import (
	"runtime/debug"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	rev := "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"tagged", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3 go1.26.0"},
		{"pseudo-version of a modified tree", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.4-0.20260401100000-0123456789ab+dirty"},
			Settings: vcs("vcs.revision", rev, "vcs.modified", "true")}, "v1.2.4-0.20260401100000-0123456789ab+dirty go1.26.0"},
		{"devel with VCS", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs", "git", "vcs.revision", rev, "vcs.time", "2026-04-01T10:00:00Z", "vcs.modified", "false")},
			"devel-0123456789ab 2026-04-01T10:00:00Z go1.26.0"},
		{"devel, modified", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", rev, "vcs.time", "2026-04-01T10:00:00Z", "vcs.modified", "true")},
			"devel-0123456789ab 2026-04-01T10:00:00Z (modified) go1.26.0"},
		{"devel, short revision", debug.BuildInfo{Main: debug.Module{Version: ""}, Settings: vcs("vcs.revision", "abc")}, "devel-abc"},
		{"nothing recorded", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, "(devel) go1.26.0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := describeBuild(&tc.info); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
