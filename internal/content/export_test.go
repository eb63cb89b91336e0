package content

// SetToday fixes Today for a test and returns the function that restores it.
func SetToday(date string) (restore func()) {
	old := Today
	Today = func() string { return date }
	return func() { Today = old }
}
