package extract

import (
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

func benchDocs(lang string) []Input {
	docs := make([]Input, 200)
	for i := range docs {
		docs[i] = Input{Text: GenerateArticle(lang, uint64(i), 2048), Published: time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC)}
	}
	return docs
}

func benchmarkExtract(b *testing.B, lang string) {
	docs := benchDocs(lang)
	Extract(docs[0])
	b.ReportAllocs()
	b.SetBytes(int64(len(docs[0].Text)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Extract(docs[i%len(docs)])
	}
}

func BenchmarkExtractEnglish(b *testing.B) { benchmarkExtract(b, record.LangEnglish) }
func BenchmarkExtractKhmer(b *testing.B)   { benchmarkExtract(b, record.LangKhmer) }

// BenchmarkSplitSentences is the baseline the extractor is compared with.
func BenchmarkSplitSentences(b *testing.B) {
	docs := benchDocs(record.LangEnglish)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		SplitSentences(docs[i%len(docs)].Text)
	}
}
