// Package khmer handles Khmer text: normalisation for matching, character
// clusters, word segmentation, search tokens and legacy font encodings.
package khmer
