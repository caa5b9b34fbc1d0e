// Package khmer handles Khmer text for matching, extraction and search:
// normalisation with offset maps, character clusters, word segmentation,
// search tokens and legacy font conversion (this file's part), and
// numbers, dates, the lunar calendar, names and romanisation (numbers*.go,
// dates*.go, lunar*.go, names*.go, romanize*.go, format*.go).
//
// # Two forms of every text
//
// The display text — what was captured and what readers see — is never
// changed. For matching there is a second form, the normalised text
// (Normalize, NormalizeMap). Khmer can be typed in several orders that
// render alike, so normalisation puts the marks of every cluster into one
// canonical order (ស្ត្រី, ស្រ្តី and ស្រី្ត are one string), folds letters
// that are variants of one another (subscript DA to subscript TA, ឲ to ឱ,
// the deprecated ឣ and ឤ, split vowels េ+ី and េ+ា), drops repeated marks,
// dangling subscripts and invisible characters (U+17B4, U+17B5, ZWSP,
// ZWNJ, ZWJ, word joiner, soft hyphen, BOM) and replaces invalid UTF-8.
// Unicode NFC/NFKC do none of this for Khmer. Latin text is left as it
// is, case included. Normalisation is idempotent and returns clean input
// without copying it.
//
// NormalizeMap also returns the map between the two forms (Normalized).
// Work on the normalised Text, then map byte offsets back with ToOrig /
// ToOrigEnd / OrigSpan (and the other way with ToNorm / NormSpan), so that
// evidence spans stored with a citation point at the exact display text.
// Offsets inside a reordered cluster round outwards to the whole cluster;
// elsewhere they map byte for byte. Both directions are monotonic.
//
// # Character clusters
//
// A Khmer character cluster (KCC: a base letter with its subscripts,
// vowels and signs; NextCluster, Clusters, ClusterBoundaries) is the unit
// nothing may cut: gold word boundaries fall on cluster boundaries 99.99%
// of the time, and a cluster is what a reader sees as one glyph group.
// Outside Khmer a cluster is a rune with its combining marks.
//
// # Words
//
// Segmenter splits text into words (Segment, Spans, AppendLine). Khmer
// runs are segmented over clusters by dynamic programming: the fewest
// words, taken from ICU's own Khmer dictionary (read at start-up from the
// system ICU data through cgo, never copied into the repository) and from
// gazetteer words registered with NewSegmenter(words...) or AddWords,
// which always win so that known names are never split. Hand-written
// rules of Khmer grammar and spelling refine it: a syllable is not cut
// from its final consonant (បា|ន); bound prefixes (ការ, សេចក្តី, ភាព,
// អ្នក, ព្រះ, កិច្ច, អំពើ) join the word after them unless it is a grammar
// word (អ្នក|ទាំងនោះ is a pronoun and a determiner); negation and
// auxiliaries (មិន, បាន, ក៏, នឹង, កំពុង…) stay words of their own even
// where ICU lists a compound (មិនបាន); the passive ត្រូវបាន is one word;
// stretches no word covers stay one word (usually a name); after a title
// (លោក, ឯកឧត្តម, កញ្ញា…) one-cluster pieces of a name join into name words;
// abbreviations of initials (គ.ជ.ប) are one word. Digit runs (Khmer or ASCII, with inner separators), Latin
// runs, punctuation and the repetition sign ៗ are words of their own;
// whitespace separates words and is not returned. Segmentation runs on
// the normalised text and returns spans of the display text. On the khPOS
// training text it scores word F1 0.839 (boundary F1 0.932) against ICU's
// 0.719 (0.872), at about ICU's speed per CPU second; `kamnotra bench khmer` measures
// both in one run. ICUSegmenter is ICU's word
// break itself, kept as that baseline.
//
// # Search tokens
//
// Tokenizer (and the package-level Tokens, IndexString, QueryTokens…,
// which use DefaultSegmenter) makes the tokens every search backend
// indexes, identically at index and query time. Tokens are ASCII-safe:
// they hold no ASCII space or punctuation, so SQLite FTS5 with
// tokenize='ascii' over IndexString's space-separated tokens, and
// PostgreSQL tsvector/tsquery literals built in Go (TSVector, TSQuery),
// see exactly these tokens. A document has two columns:
//
//   - the match column (IndexString): Khmer cluster bigrams in text order
//     — running across spaces and ZWSP, since Khmer spacing is not word
//     spacing — interleaved with numbers in ASCII digits (ថ្ងៃទី២៣ gives
//     23) and English words lowercased, accent-folded and Porter-stemmed
//     (arrested gives arrest); then every Khmer cluster on its own.
//   - the rank column (RankString): the segmented Khmer words and name
//     keys (registered names, capitalised Latin words unstemmed).
//
// QueryTokens turns a query into phrase groups: each space-separated
// Khmer part is the phrase of its bigrams (or its only cluster), each
// English word and number a group of its own; a document matches when
// every group occurs in its match column as consecutive tokens (FTS5
// phrase queries joined with AND, or tsquery <-> joined with &). Because
// matching works on clusters, it never depends on segmentation: ត្រី
// (fish) does not match មន្ត្រី (official), whose clusters are ម and ន្ត្រី,
// and registering gazetteer words never invalidates an index. Words only
// rank (QueryRankTokens against the rank column).
//
// # Legacy fonts
//
// Older PDFs and Word files carry Khmer typed in Limon-family fonts: Latin
// letters and punctuation that render as Khmer. DetectLegacy recognises
// such text (little English, oddly built words, and converted text that
// ICU's dictionary reads as Khmer); ConvertLimon converts it with the
// package's own table of the keyboard layout and lists what it could not
// convert.
package khmer
