from pkg._version import version  # unknown: setuptools_scm writes it at build time
from pkg._speedups import fast  # unknown: compiled from _speedups.c at install time
from pkg._generated_settings import DEBUG  # unknown: ignored by git, so generated locally
from pkg.handwritten import thing  # IMG101
from pkg import _speedups  # unknown: compiled from _speedups.c at install time
from pkg._rusty import apply_delta  # unknown: setuptools-rust builds it, as pyproject.toml says
from pkg import _native  # unknown: maturin builds it, as pyproject.toml says
from pkg._rusted import apply_delta as rusted  # IMG101
from pkg import _cmessage  # unknown: compiled from _cmessagemodule.c
from pkg._scripted import encode  # unknown: _setup.py builds it
from pkg.proto.Message_pb3 import Message  # IMG101
from pkg.proto.Message_pb2 import Message as Compiled  # unknown: protoc writes it, git ignores it (pkg/proto/*_pb2.py)
from pkg.generated.client import Client  # unknown: a generated package git ignores (generated/)
from pkg.generator.client import Client as Other  # IMG101
