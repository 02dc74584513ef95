"""The OpenML harvester: flows, runs, tasks and datasets through the official openml client."""

from harvesters.openml.client import DEFAULT_SERVER, OpenMLClient
from harvesters.openml.harvest import STATE_KEY, harvest
from harvesters.openml.transform import HARVESTER, HARVESTER_VERSION, openml_pid, transform

__all__ = ["harvest", "STATE_KEY", "OpenMLClient", "DEFAULT_SERVER", "transform", "openml_pid", "HARVESTER",
           "HARVESTER_VERSION"]
