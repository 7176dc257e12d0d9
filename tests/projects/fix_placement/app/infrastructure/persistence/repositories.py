class AccountSettingsRepository:
    pass
