import not_installed_boto_sdk


class S3Store:
    client = not_installed_boto_sdk
