// Package readme holds the test that plays the README: every code block in
// it is run (shell commands against a freshly installed binary in a
// temporary directory, SQL through DuckDB, the Go programs built and
// tested) or, where it cannot run here (a Kubernetes Job, a Slurm script,
// Python), checked as far as it can be. It has no API. The test needs cgo
// (DuckDB); without it the package is empty.
package readme
