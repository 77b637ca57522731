package cli

// The tests run the command with the built-in stages, as cmd/newsmill does.
import (
	_ "github.com/newsmill/newsmill/stages/builtin"
)
