package quotes

import "testing"

// TestSpeakerNameShapes checks names that sit inside longer speaker
// phrases or labels: a self-introduction in a transcript, a first name
// that is also a modal verb, a name in apposition after a role with its
// prepositional phrase, and a name after a role and the body it belongs
// to that the entities missed.
func TestSpeakerNameShapes(t *testing.T) {
	tests := []resolveCase{
		{name: "a transcript label that introduces itself",
			text:   "Interviewer: Who are you?\n\nOla Brenn: Hi, I'm Ola Brenn.\n\nInterviewer: What do you make?\n\nOla Brenn: Small wooden boats for the lake.",
			begins: "Small wooden boats", want: "Ola Brenn"},
		{name: "a first name that is a modal verb",
			text:   "The board met on Monday.\n\n“It was an attempt to hide the losses,” Will Tarrow, head of the watchdog Fair Count, told reporters.",
			begins: "It was an attempt", want: "Will Tarrow"},
		{name: "a role with its prepositional phrase before an apposition",
			text:   "The inquiry was closed.\n\n“The evidence is not strong enough,” Norland’s deputy director of public prosecutions, Ylva-Mari Sandt, said.",
			begins: "The evidence is", want: "Ylva-Mari Sandt"},
		{name: "a role and its body before a name",
			text:   "The plan was leaked on Friday.\n\nAfter the leak, CEO of the Harbour Council Oskar Drell told reporters the plan “must be well thought out”.",
			begins: "must be well", want: "Oskar Drell"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}
