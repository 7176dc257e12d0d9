def render():
    return ''
