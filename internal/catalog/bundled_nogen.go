//go:build soa_nogen

package catalog

// bundledFiles is empty in a build tagged soa_nogen: every bundled file is
// decoded from its YAML, and bundled_gen.go can be generated afresh.
var bundledFiles []bundledFile

// bundledCatalog is nil in a build tagged soa_nogen: Load of the bundled
// files decodes them.
var bundledCatalog *Catalog
