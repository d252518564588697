"""Make whole newspaper page dumps of any number and size, reproducibly from a seed.

Why this exists: tests of a batch (parallel runs, resuming after a kill,
Dask) and the benchmark need many pages that look like the reference page
(articles with a headline, a dateline, a byline, hard-wrapped columns and
stray blank lines) without committing a corpus.  The words are common
Simplified-Chinese news vocabulary strung into sentences, so the character
statistics are those of real news text even if the sentences say little.
The layout is pagesim's.  Like pagesim, this never imports newsclean.
"""

from __future__ import annotations

import random
from pathlib import Path

from .pagesim import dump_paragraphs

WORDS = (
    "全区 推进 高质量 发展 经济 社会 重点 项目 建设 企业 服务 群众 工作 会议 要求 加强 落实 责任 "
    "创新 科技 产业 园区 招商 引资 营商 环境 优化 政策 扶持 资金 保障 民生 养老 医疗 教育 就业 "
    "社区 街道 居民 治理 安全 生产 消防 环保 绿色 低碳 城市 更新 旧区 改造 交通 道路 公园 文化 "
    "活动 志愿者 党建 引领 干部 队伍 作风 效能 数字化 转型 智能 制造 人才 引进 培养 市场 消费 "
    "商圈 品牌 国际 合作 交流 开放 规划 目标 任务 措施 机制 体系 能力 水平 质量 效益 稳定 "
    "统筹 协调 部署 调研 督查 考核 评估 总结 经验 问题 困难 需求 意见 建议 方案 实施 推动 "
    "取得 成效 明显 显著 持续 进一步 深入 全面 扎实 有序 稳步 积极 主动 切实 不断 努力"
).split()
PLACES = ("南京西路", "静安寺", "江宁路", "石门二路", "曹家渡", "天目西路", "北站", "宝山路", "芷江西路", "彭浦新村")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "华强明伟芳敏静丽军勇杰涛超燕霞平刚辉鹏旭卉"
CLAUSE_MARKS = ("，", "，", "，", "、", "；")


def sentence(rng: random.Random) -> str:
    clauses = []
    for _ in range(rng.randint(1, 3)):
        clauses.append("".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))))
    text = clauses[0]
    for clause in clauses[1:]:
        text += rng.choice(CLAUSE_MARKS) + clause
    if rng.random() < 0.15:
        text = f"{rng.choice(PLACES)}{text}“{rng.choice(WORDS)}{rng.choice(WORDS)}”"
    return text + "。"


def paragraph(rng: random.Random) -> str:
    return "".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def headline(rng: random.Random) -> str:
    return rng.choice(PLACES) + "".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4)))


def article(rng: random.Random, paragraphs: int) -> list[str]:
    """The dump lines of one article: headline, byline, then the hard-wrapped body."""
    body = [paragraph(rng) for _ in range(paragraphs)]
    body[0] = f"本报讯 {rng.randint(1, 12)}月{rng.randint(1, 28)}日，{body[0]}"
    lines = [headline(rng), "", f"■记者 {person(rng)}", ""]
    lines += dump_paragraphs(body, rng.randint(13, 18), rng, column_lines=rng.randint(15, 30))
    return lines


def page(rng: random.Random, articles: int = 8, paragraphs: int = 7) -> str:
    """One page dump: ``articles`` articles one after another; the defaults give the reference page's size."""
    lines: list[str] = []
    for _ in range(articles):
        lines += article(rng, rng.randint(max(1, paragraphs - 2), paragraphs + 2)) + [""]
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, pages: int, seed: int = 0, **page_size) -> list[Path]:
    """``pages`` page dumps under ``folder``, ten to a sub-folder as an archive keeps them by issue."""
    rng = random.Random(seed)
    written = []
    for n in range(pages):
        path = folder / f"issue{n // 10:04d}" / f"page{n % 10:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(rng, **page_size), encoding="utf-8")
        written.append(path)
    return written
