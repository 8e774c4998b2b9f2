"""Start-up: an empty program, so its time and memory are the interpreter's own."""
