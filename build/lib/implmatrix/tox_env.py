"""A tox 4 run environment that creates no virtualenv.

The interpreters under test live in containers; a tox env here only runs the
`implmatrix` CLI on the host, from the same Python that runs tox. Plain
virtualenv envs would also read `pypy3.11` or `jython2.7` in an env name as
a request for that interpreter on the host. Select it with
`runner = implmatrix` (registered through the `tox` entry point).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tox.execute.api import Execute
from tox.execute.local_sub_process import LocalSubProcessExecutor
from tox.plugin import impl
from tox.tox_env.installer import Installer
from tox.tox_env.package import Package
from tox.tox_env.register import ToxEnvRegister
from tox.tox_env.runner import RunToxEnv


class _NothingToInstall(Installer[RunToxEnv]):
    def _register_config(self) -> None:
        pass

    def installed(self) -> list[str]:
        return []

    def install(self, arguments: object, section: str, of_type: str) -> None:
        pass


class HostRunEnv(RunToxEnv):
    @staticmethod
    def id() -> str:
        return "implmatrix"

    @property
    def executor(self) -> Execute:
        return LocalSubProcessExecutor(self.options.is_colored)

    @property
    def installer(self) -> Installer[RunToxEnv]:
        return _NothingToInstall(self)

    @property
    def runs_on_platform(self) -> str:
        return sys.platform

    @property
    def environment_variables(self) -> dict[str, str]:
        env = super().environment_variables
        # Commands find `implmatrix` and `pytest` beside the Python running tox.
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        return env

    def _register_package_conf(self) -> bool:
        return False  # nothing to build or install

    def _build_packages(self) -> list[Package]:
        return []

    @property
    def _package_tox_env_type(self) -> str:
        raise NotImplementedError

    @property
    def _external_pkg_tox_env_type(self) -> str:
        raise NotImplementedError


@impl
def tox_register_tox_env(register: ToxEnvRegister) -> None:
    register.add_run_env(HostRunEnv)
