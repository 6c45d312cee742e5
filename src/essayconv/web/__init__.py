"""The page essayconv serve shows: index.html, app.js, app.css (package data)."""
