package pipeline

import "fmt"

// StageError records why a document could not be processed: the stage
// that failed it ("read" for input errors) and the cause, which errors.Is
// and errors.As reach through Unwrap. A document with an error skips every
// later stage and becomes a row of the errors table, whose message column
// holds Message.
type StageError struct {
	Stage string
	Err   error
}

// Error returns "stage: message".
func (e *StageError) Error() string { return e.Stage + ": " + e.Message() }

// Message returns the cause's text, "" when there is none.
func (e *StageError) Message() string {
	if e.Err == nil {
		return ""
	}
	return e.Err.Error()
}

// Unwrap returns the cause.
func (e *StageError) Unwrap() error { return e.Err }

// PanicError is the cause of a StageError when a stage panicked on a
// document and Config.Recover was set. Its text names the panic value
// only: the stack trace, which is for the stage's author, goes to
// Config.Log, not into the errors table.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }
