import colorama


def red():
    return colorama.Fore.RED
