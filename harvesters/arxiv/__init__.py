"""The arXiv harvester: paper metadata through the ``arxiv`` client, in batches of up to 100 ids."""

from harvesters.arxiv.client import BATCH_SIZE, ArxivClient
from harvesters.arxiv.harvest import harvest, missing_ids
from harvesters.arxiv.transform import HARVESTER, HARVESTER_VERSION, paper_pid, transform

__all__ = ["harvest", "missing_ids", "ArxivClient", "BATCH_SIZE", "transform", "paper_pid", "HARVESTER",
           "HARVESTER_VERSION"]
