package quotes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

// TestInterviewAnswers checks transcript lines: answers of a Q and A
// interview are by the interviewee, names label lines in mixed case when
// the document names that person, and labels that name no one are no
// transcript; in US government transcripts a reporter's bare "Q" and
// spaces is a turn, and a label in capitals with an honorific or a role is
// named by the document's full name or by the surname in normal case.
func TestInterviewAnswers(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		people []string
		want   []string // "speaker name|quote start" of the transcript quotes
	}{
		{"Q and A with colons",
			"Five questions for Dana Whitfield\n\nDana Whitfield took over the bakery in May. She spoke to us.\n\nQ: How was the first month?\n\nA: Busy. We sold out every day.\n\nQ: What comes next?\n\nA: A second shop, I hope.",
			[]string{"Dana Whitfield"},
			[]string{"Q|How was the first month?", "Dana Whitfield|Busy. We sold out every day.", "Q|What comes next?", "Dana Whitfield|A second shop, I hope."}},
		{"Q and A with periods",
			"An interview with Omar Haddad, the new coach.\n\nQ. Why this club?\n\nA. The players wanted to win.",
			[]string{"Omar Haddad"},
			[]string{"Q|Why this club?", "Omar Haddad|The players wanted to win."}},
		{"an answer on the question's line",
			"Vice President Joe Biden spoke to us on Thursday.\n\nQ: Is he conservative? A: No. He is a populist.\n\nQ: Will you run? A: Not this time.",
			[]string{"Joe Biden"},
			[]string{"Q|Is he conservative?", "Joe Biden|No. He is a populist.", "Q|Will you run?", "Joe Biden|Not this time."}},
		{"the interviewee named most often before the questions",
			"Lena Park met Ravi Shah at the fair. Shah runs the mill, and Ravi Shah has for ten years.\n\nQ: Why flour?\n\nA: My father milled it.",
			[]string{"Lena Park", "Ravi Shah", "Shah"},
			[]string{"Q|Why flour?", "Ravi Shah|My father milled it."}},
		{"answers with no person named keep the label",
			"The panel met on Monday.\n\nQ: Who pays?\n\nA: The city does.",
			nil,
			[]string{"Q|Who pays?", "A|The city does."}},
		{"an outline is no interview",
			"The plan has two parts.\n\nA. The bridge is rebuilt first.\n\nB. The road follows in spring.",
			nil,
			nil},
		{"name labels in mixed case",
			"Anchor Jake Tapper spoke to Senator Ruth Cole on Sunday.\n\nTapper: Will you run again?\n\nCole: Not this year. My family comes first.",
			[]string{"Jake Tapper", "Ruth Cole", "Tapper", "Cole"},
			[]string{"Jake Tapper|Will you run again?", "Ruth Cole|Not this year. My family comes first."}},
		{"two mixed-case labels taking turns, an answer of two paragraphs and a quote inside",
			"Wikinews: How did you find the anemones?\n\nLena Osei: A camera saw them. We call them \"fields\" now.\n\nThe rest came later.\n\nWikinews: What next?\n\nLena Osei: More dives.",
			nil,
			[]string{"Wikinews|How did you find the anemones?", "Lena Osei|A camera saw them. We call them \"fields\" now.\n\nThe rest came later.",
				"Wikinews|What next?", "Lena Osei|More dives."}},
		{"one repeated mixed-case label is a list, not a dialogue",
			"Meal 1\n\nPortion Fix Containers: 1 Green, 1 Red\n\nMeal 2\n\nPortion Fix Containers: 1 Purple, 1 tsp.",
			nil,
			nil},
		{"labels with an abbreviated title",
			"Senator Ruth Cole spoke to the host.\n\nMR. PARKS: Will you run?\n\nSen. Cole: Not this year.",
			[]string{"Ruth Cole", "Cole"},
			[]string{"Parks|Will you run?", "Ruth Cole|Not this year."}},
		{"a label with a middle initial",
			"Host: Who started the studio?\n\nTomas K. Berg: We did, in college.\n\nHost: And now?\n\nTomas K. Berg: Now we hire.",
			nil,
			[]string{"Host|Who started the studio?", "Tomas K. Berg|We did, in college.", "Host|And now?", "Tomas K. Berg|Now we hire."}},
		{"caption and source lines are no dialogue",
			"The storm hit at noon.\n\nPhoto: Ann Lee for the Herald\n\nSource: the county weather office\n\nPhoto: Ann Lee again\n\nSource: state police reports",
			[]string{"Ann Lee"},
			nil},
		{"mixed-case labels that name no person",
			"The results are in.\n\nNote: Figures are provisional and may change.\n\nCitation: Smith and Jones, Nature, 2019.",
			nil,
			nil},
		{"bare Q turns after an honorific label",
			"Remarks by Press Secretary Dana Morrow\n\nMS. MORROW: Good morning. Go ahead.\n\nQ    Will the bill pass?\n\nMS. MORROW: We think so.\n\nQ\tAnd when?",
			[]string{"Dana Morrow"},
			[]string{"Dana Morrow|Good morning. Go ahead.", "Q|Will the bill pass?", "Dana Morrow|We think so.", "Q|And when?"}},
		{"a role label and a full label with a role",
			"Briefing by Port Administrator Helena Voss\n\nREGENT ADMINISTRATOR VOSS: The dock is open.\n\nQ    Since when?\n\nPort Administrator Helena Voss: Since Monday.",
			[]string{"Port Administrator Helena Voss"},
			[]string{"Helena Voss|The dock is open.", "Q|Since when?", "Helena Voss|Since Monday."}},
		{"a surname with no full name keeps normal case",
			"The mayor took questions.\n\nMAYOR TRELLING: Thank you all.\n\nQ    Is the road safe?\n\nMAYOR TRELLING: It is.",
			nil,
			[]string{"Trelling|Thank you all.", "Q|Is the road safe?", "Trelling|It is."}},
		{"a hyphenated surname in capitals",
			"Press Secretary Mara Lind-Oakes spoke.\n\nMS. LIND-OAKES: Hello.\n\nQ    Hi.",
			[]string{"Mara Lind-Oakes"},
			[]string{"Mara Lind-Oakes|Hello.", "Q|Hi."}},
		{"a Q with one space is no label",
			"Q is a letter.\n\nQ Branch makes gadgets.",
			nil,
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := sentences.Split(tc.text)
			var got []string
			for _, q := range Extract(tc.text, sents, personEntities(tc.text, sents, tc.people)) {
				if q.Kind == pipeline.KindDirect && q.Start == q.Content.Start { // no mark: a transcript line
					got = append(got, q.SpeakerName+"|"+q.Content.In(tc.text))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("transcript quotes:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestPrecisionFeatures checks the features that tell terms, titles and
// slogans from speech, on each quotation of a text.
func TestPrecisionFeatures(t *testing.T) {
	text := "Fans chanted “Lock her up” all night. Later the crowd chanted “Lock her up” again.\n\n" +
		"It is a loosely packed “rubble pile” object, and the phrase “deep space” is new. " +
		"She plans to “build on the progress” made. Team 9 (“Warbots”) won.\n\n" +
		"“Document found on street” — CBC.ca, August 15, 2008\n\n" +
		"“Met accused of whitewashing,” by Post's Kathianne Boniello, ran on Monday."
	type traits struct{ repeated, termNear, plainBefore, paren, afterTo, function, cited bool }
	checkQuotations(t, analyse(text), map[string]traits{
		"“Lock her up”":                  {repeated: true, function: true},
		"“rubble pile”":                  {plainBefore: true},
		"“deep space”":                   {termNear: true},
		"“build on the progress”":        {afterTo: true, function: true},
		"“Warbots”":                      {paren: true},
		"“Document found on street”":     {function: true, cited: true},
		"“Met accused of whitewashing,”": {function: true, cited: true},
	}, func(a *analysis, q int, seg segment) traits {
		return traits{a.repeated(seg), a.termNear(q), a.plainBefore(q), a.punctIn(q-1, "(["), a.is(q-1, "to"),
			hasFunctionWord(seg.content().In(a.text)), a.cited(q)}
	})
}

// TestPlainUses checks how often the article uses a quoted word outside
// quotation marks, folding case, plurals and possessives (ftPlainUse).
func TestPlainUses(t *testing.T) {
	tests := []struct {
		name, text, quote string
		want              int
	}{
		{"the article's own word, in every form",
			"Gut cells can “taste” sugar. Taste cells and the taste's reach: tastes differ, and taste matters.", "“taste”", 4},
		{"a word borrowed once",
			"The mayor called the deal “historic” on Monday. Nobody else saw a historic day.", "“historic”", 1},
		{"no other use",
			"The coach said the team was “unstoppable” and left.", "“unstoppable”", 0},
		{"too short to count",
			"The pilot gave the “go” to go, and we go.", "“go”", 0},
		{"other quotations do not count",
			"Ads called it “fresh”. Critics said “fresh” too.", "“fresh”", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := analyse(tc.text)
			q, content := quotation(t, a, tc.quote)
			if got := a.plainUses(q, content, 10); got != tc.want {
				t.Errorf("plainUses(%s) = %d, want %d", tc.quote, got, tc.want)
			}
		})
	}
}

// quotation returns the token of the quotation of a written as quote,
// marks included, and its content without outer spaces, as features
// sees it.
func quotation(t *testing.T, a *analysis, quote string) (int, string) {
	t.Helper()
	for q, tok := range a.toks {
		if tok.kind == tkQuote && a.segs[tok.seg].span().In(a.text) == quote {
			return q, strings.TrimSpace(a.segs[tok.seg].content().In(a.text))
		}
	}
	t.Fatalf("no quotation %s", quote)
	return 0, ""
}

// analyse returns the analysis of text up to its reporting verbs, as
// Extract makes it.
func analyse(text string) *analysis {
	a := &analysis{text: text, segs: pairMarks(text)}
	a.toks = tokenize(nil, text, a.segs)
	a.sents, a.sentOf = splitSentences(nil, nil, text, a.toks)
	a.findAttributions()
	return a
}

// checkQuotations compares got for each quotation of a with want, keyed by
// the quotation with its marks; every quotation must be in want, and
// every key of want must be seen.
func checkQuotations[T comparable](t *testing.T, a *analysis, want map[string]T, got func(a *analysis, q int, seg segment) T) {
	t.Helper()
	seen := map[string]bool{}
	for q, tok := range a.toks {
		if tok.kind != tkQuote {
			continue
		}
		seg := a.segs[tok.seg]
		s := seg.span().In(a.text)
		w, ok := want[s]
		if !ok {
			t.Fatalf("unexpected quotation %q", s)
		}
		seen[s] = true
		if g := got(a, q, seg); g != w {
			t.Errorf("%s: got %+v, want %+v", s, g, w)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("saw %d of the %d quotations", len(seen), len(want))
	}
}

// TestHumanPhrase checks which speaker phrases count as someone who can
// speak.
func TestHumanPhrase(t *testing.T) {
	text := "She said it. The ministry said it. The asteroid said it. Ann Lee said it."
	a := analyse(text)
	a.ents = personEntities(text, nil, []string{"Ann Lee"})
	for _, tt := range []struct {
		phrase string
		want   bool
	}{{"She", true}, {"The ministry", true}, {"The asteroid", false}, {"Ann Lee", true}} {
		start := strings.Index(text, tt.phrase)
		from, to := -1, -1
		for k, tok := range a.toks {
			if int(tok.start) == start {
				from = k
			}
			if int(tok.end) == start+len(tt.phrase) {
				to = k + 1
			}
		}
		if got := a.humanPhrase(from, to); got != tt.want {
			t.Errorf("humanPhrase(%q) = %v, want %v", tt.phrase, got, tt.want)
		}
	}
}

// TestInTurn checks which quotations lie inside transcript turns: those
// in an answer or a question, not those before the transcript starts.
func TestInTurn(t *testing.T) {
	text := "The council called it a “new start” on Monday.\n\nHOST: Is the plan a “new start”?\n\n" +
		"MAYOR: We call the fields “clones” here.\n\nMore of that answer, with “wind” in it.\n\nHOST: Thanks."
	a := analyse(text)
	var got []bool
	for q, tok := range a.toks {
		if tok.kind == tkQuote {
			got = append(got, a.inTurn(q))
		}
	}
	if want := []bool{false, true, true, true}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("inTurn = %v, want %v", got, want)
	}
}

// FuzzTranscript checks that transcript turns are in order, do not
// overlap and lie in the token stream, and that their quotes lie in the
// text, whatever the labels and lines.
func FuzzTranscript(f *testing.F) {
	for _, s := range []string{
		"Q: Why?\n\nA: Because.\n\nQ: When? A: Now.",
		"Wikinews: Hi?\n\nAnn Lee: Yes.\n\nmore\n\nWikinews: Bye?\n\nAnn Lee: No.",
		"HOST: “x”\n\nGUEST: a “b” c\n\nHOST:",
		"Sen. Cole: Not this year.\n\nMR. PARKS: A: B: C:\n\nQ. A. Q. A.",
		"A:\nA:\nQ:?A:x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := analyse(text)
		a.ents = personEntities(text, nil, []string{"Ann Lee", "Cole"})
		prev := -1
		for _, l := range a.transcript() {
			if l.from < prev || l.from >= l.to || l.to >= l.body || l.body > l.end || l.end > len(a.toks) {
				t.Fatalf("turn %+v after token %d of %d", l, prev, len(a.toks))
			}
			prev = l.end
		}
		for _, q := range Extract(text, nil, a.ents) {
			if q.Start < 0 || q.End > len(text) || q.Start > q.End || q.Speaker.End > len(text) {
				t.Fatalf("quote %+v out of %d bytes", q, len(text))
			}
		}
	})
}
