def safe_load(text):
    return text
