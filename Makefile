# gmmlab: make lab opens the notebooks, make test proves everything runs.
.PHONY: test gotest vet

test: vet gotest

vet:
	go vet ./...

gotest:
	go test ./...
