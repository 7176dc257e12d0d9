def filter_for_env(text, env):
    return text
