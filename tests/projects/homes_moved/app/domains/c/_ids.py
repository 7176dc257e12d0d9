_id_prefix = ("", "c")
