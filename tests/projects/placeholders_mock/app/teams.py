class Team:
    pass
