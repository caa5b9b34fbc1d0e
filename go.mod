module github.com/kamnotra/kamnotra

go 1.26.8
