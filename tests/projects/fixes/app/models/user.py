class User:
    pass


class UserAccountSettings:
    pass


class UserAccountSetting:
    pass
