package serveconfig

import "testing"

func TestIsLoopback(t *testing.T) {
	for addr, loop := range map[string]bool{
		"127.0.0.1:1": true, "127.9.9.9:1": true, "[::1]:1": true, "localhost:1": true,
		"0.0.0.0:1": false, "[::]:1": false, "192.168.1.5:1": false, "example.com:1": false,
		"localhost": false, "": false,
	} {
		if IsLoopback(addr) != loop {
			t.Errorf("IsLoopback(%q) = %v, want %v", addr, !loop, loop)
		}
	}
}
