package sqlite_test

import "github.com/kamnotra/kamnotra/internal/record"

var recordState = record.SourceState{URL: "https://feeds.example/rss", LastStatus: 200}
