// Package hostile holds the hostile-corpus test of issue 17: findings fixed
// on the engine and batch side (a document over its time budget, a
// duplicate doc_id, a huge id, --max-errors 0, a stage's span outside the
// text, a second signal while a stage ignores its context or its shutdown
// hangs, a first signal on a stalled stdin, the shapes that made stages
// quadratic, the text cleaner's dropped paragraphs, --progress-every 0)
// are run through the newsmill command on generated input, in under a
// minute with -short. It has no API.
package hostile
