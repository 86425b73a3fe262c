package cli

import "github.com/soa-tool/soa/internal/textwidth"

func displayWidth(s string) int { return textwidth.Width(s) }
