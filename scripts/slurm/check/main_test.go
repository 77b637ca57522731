package main

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEScript checks that the README's Slurm job script is
// scripts/slurm/newsmill.sbatch, the script make test-slurm runs.
func TestREADMEScript(t *testing.T) {
	readme, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../newsmill.sbatch")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "`scripts/slurm/newsmill.sbatch`):\n\n```bash\n")
	if !ok {
		t.Fatal("README: no bash block after the mention of scripts/slurm/newsmill.sbatch")
	}
	block, _, ok := strings.Cut(after, "```\n")
	if !ok || block != string(script) {
		t.Errorf("the README's Slurm script is not scripts/slurm/newsmill.sbatch:\n%s\nwant\n%s", block, script)
	}
}
