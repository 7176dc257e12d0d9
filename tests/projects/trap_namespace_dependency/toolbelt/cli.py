from toolbelt import sessions

sessions.start()
