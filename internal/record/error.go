package record

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in the web layer and one exit
// behaviour in the command; everything else is EInternal.
const (
	EInvalid      = "invalid"      // the caller's input is wrong; the message says how
	ENotFound     = "not_found"    // no such thing
	EConflict     = "conflict"     // it exists already or changed meanwhile
	EUnauthorized = "unauthorized" // log in, or you may not
	EInternal     = "internal"     // our fault; details are logged, not shown
)

// Error is an error with a code and a message safe to show a user.
type Error struct {
	Code    string
	Message string
	Err     error // the underlying cause, for logs; never shown to users
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with the given code and message that wraps err.
func Wrap(code string, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// EInternal for any other non-nil error.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the message to show a user for err: the *Error's
// message, or a generic one for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EInternal {
		return e.Message
	}
	return "internal error"
}

// IsNotFound reports whether err has code ENotFound.
func IsNotFound(err error) bool { return ErrorCode(err) == ENotFound }
