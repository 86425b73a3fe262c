package answers_test

import (
	"testing"

	"github.com/soa-tool/soa/internal/fuzzing"
)

// TestMain: see fuzzing.Main (a short fuzz run that fuzzes).
func TestMain(m *testing.M) { fuzzing.Main(m) }
