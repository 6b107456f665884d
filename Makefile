# The two commands the README opens with:
#   make sweep   installs what is missing, fetches the real data, builds in release mode and
#                runs the default sweep over GloVe 6B 50d and the MiniLM token table
#   make test    installs what is missing and runs every test
.PHONY: sweep test build system-packages data

sweep: system-packages data build
	.build/release/embcompress sweep

test: system-packages
	swift build --build-tests
	swift test --skip-build

# Only the tool; build a benchmark with `swift build -c release --product NAME`.
build: system-packages
	swift build -c release --product embcompress

system-packages:
	scripts/install-system-packages.sh

data:
	scripts/fetch-data.sh
