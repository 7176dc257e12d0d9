_id_prefix = ("", "cpp")
