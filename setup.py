from setuptools import find_packages, setup

with open("README.md", encoding="utf-8") as f:
    long_description = f.read()

setup(
    name="flake8-importguard",
    version="0.1.0",
    description="flake8 plugin: test imports of first-party code that do not exist, and the placeholders that hide them",
    long_description=long_description,
    long_description_content_type="text/markdown",
    license="MIT",
    python_requires=">=3.10",
    packages=find_packages(include=["flake8_importguard", "flake8_importguard.*"]),
    install_requires=[
        "flake8>=6.0,<8",
        "astroid>=3.2,<5",
        "tomli>=1.1; python_version < '3.11'",
        "libcst>=1.1,<2",
    ],
    extras_require={
        "test": [
            "pytest>=7",
            "pytest-flake8-path>=1.5",
            "hypothesis>=6.80",
            "hypothesmith>=0.3",
            "pre-commit>=3",
        ],
    },
    entry_points={
        "flake8.extension": ["IMG = flake8_importguard.plugin:Plugin"],
        "console_scripts": ["importguard = flake8_importguard.cli:main"],
    },
    classifiers=[
        "Framework :: Flake8",
        "Programming Language :: Python :: 3",
        "License :: OSI Approved :: MIT License",
    ],
)
