"""HTTP API and web page for the fact-checker; build the app with `api.app.create_app`."""
