package importer

// MaxMerges is the most merged ranges a sheet may have. An SoA has a few
// hundred at most; the cap keeps a crafted sheet of hundreds of thousands
// from costing minutes. The workbook reader keeps no more (see limits).
const MaxMerges = 10_000

// maxMergedCells caps the cells that merged ranges fill in one sheet (see
// readGrid): no more than the grid that is read, however the ranges
// overlap.
const maxMergedCells = MaxRows * MaxColumns
