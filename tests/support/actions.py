"""A GitHub Actions Linux job run here as a runner runs it: each `run:` step with
`bash --noprofile --norc -eo pipefail` in the workspace, the job's and the step's `env:`
on top of the runner's variables, `${{ ... }}` expressions replaced from the contexts
(matrix, github, runner), and each `uses:` step by a local equivalent the caller gives
(nothing is downloaded)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any, Callable

#: What stands in for a `uses:` action: its step (expressions replaced), the workspace.
LocalAction = Callable[[dict[str, Any], Path], None]

_EXPRESSION = re.compile(r"\$\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")


def substitute(value: Any, contexts: dict[str, dict[str, str]]) -> Any:
    """``value`` (a string, or a mapping/list of them) with every ``${{ a.b }}`` replaced;
    any other expression fails the test (the runner here would not know it)."""
    if isinstance(value, dict):
        return {k: substitute(v, contexts) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, contexts) for v in value]
    if not isinstance(value, str):
        return value

    def one(match: re.Match[str]) -> str:
        context, _, name = match.group(1).partition(".")
        assert name in contexts.get(context, {}), f"unknown expression {match.group(0)}"
        return contexts[context][name]

    replaced = _EXPRESSION.sub(one, value)
    assert "${{" not in replaced, f"an expression this runner cannot evaluate: {value}"
    return replaced


def run_job(
    job: dict[str, Any],
    matrix: dict[str, str],
    workspace: Path,
    runner_env: dict[str, str],
    actions: dict[str, LocalAction],
    skip_run: Callable[[str], bool] = lambda script: False,
) -> list[str]:
    """Run ``job``'s steps for one ``matrix`` entry; returns each step's name as run.
    ``actions`` maps an action (``actions/checkout``, without ``@version``) to its local
    equivalent; ``skip_run`` names `run:` steps that a local check stands in for."""
    temp = Path(runner_env["RUNNER_TEMP"])
    contexts = {
        "matrix": matrix,
        "github": {"workspace": str(workspace)},
        "runner": {"temp": str(temp), "os": "Linux"},
    }
    assert all(k in job["strategy"]["matrix"] for k in matrix)
    job_env = substitute(job.get("env", {}), contexts)
    done = []
    for step in job["steps"]:
        step = substitute(step, contexts)
        assert "if" not in step, "conditional steps are not run here"
        if "uses" in step:
            action = step["uses"].split("@")[0]
            assert action in actions, f"no local equivalent for {action}"
            actions[action](step, workspace)
            done.append(action)
            continue
        script = step["run"]
        if skip_run(script):
            done.append(f"(checked) {step.get('name', script)}")
            continue
        assert step.get("shell", "bash") == "bash"
        cwd = workspace / step.get("working-directory", ".")
        env = {**runner_env, **job_env, **step.get("env", {})}
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, (
            f"step {step.get('name', script)!r} exited {proc.returncode}\n--- stdout\n"
            f"{proc.stdout[-6000:]}\n--- stderr\n{proc.stderr[-6000:]}"
        )
        done.append(step.get("name", script))
    return done


def runner_environment(workspace: Path, temp: Path, python_bin: Path) -> dict[str, str]:
    """The variables a hosted Linux runner sets that the steps may read, with the
    interpreter that setup-python would have put first on PATH."""
    temp.mkdir(parents=True, exist_ok=True)
    keep = ("HOME", "LANG", "PIP_FIND_LINKS", "PIP_CERT", "PIP_DEFAULT_TIMEOUT", "PATH")
    # The cache folder too: the runtime a first build makes is reused (it is verified
    # by content), which changes no command.
    keep += ("EC_BUILDEXT_CACHE_DIR",)
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=str(workspace),
        RUNNER_TEMP=str(temp),
        RUNNER_OS="Linux",
        PATH=f"{python_bin}{os.pathsep}{env.get('PATH', '')}",
        pythonLocation=str(python_bin.parent),
    )
    return env
