from app.fine.nowhere import Gone
Extra = Gone
