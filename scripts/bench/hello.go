//go:build ignore

// The hello-world anchor of scripts/bench: the cost of starting and ending
// a Go process and printing one line.
package main

import "os"

func main() { os.Stdout.WriteString("hello, world\n") }
