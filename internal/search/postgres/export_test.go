package postgres

// SetThresholds sets the document counts at which terms change form, the
// size of the first window and where counting stops, so that a small
// corpus goes through every form and many counts stop.
func (x *Index) SetThresholds(commonDF, denseDF int64, probeDocs, maxTotal int) {
	x.commonDF, x.denseDF, x.probeDocs, x.maxTotal = commonDF, denseDF, probeDocs, maxTotal
}
