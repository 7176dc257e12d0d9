class Slider:
    pass
