// Package builtin registers newsmill's built-in stages (extract,
// sentences, entities, quotes) when imported for its side effects:
//
//	import _ "github.com/newsmill/newsmill/stages/builtin"
//
// A binary that wants only some of them imports those packages instead.
package builtin

import (
	_ "github.com/newsmill/newsmill/stages/entities"  // registers "entities"
	_ "github.com/newsmill/newsmill/stages/extract"   // registers "extract"
	_ "github.com/newsmill/newsmill/stages/quotes"    // registers "quotes"
	_ "github.com/newsmill/newsmill/stages/sentences" // registers "sentences"
)
