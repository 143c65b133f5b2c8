"""Module 00 入门: practice exercises on reading a survey chart (not graded).

Every report number in a prompt or checker is read from :mod:`smedx.data` at import time.
"""

from __future__ import annotations

from smedx import data
from smedx.exercises.core import (
    Option,
    Question,
    Text,
    choice_is,
    number_near,
    set_is,
)

MODULE = "m00"

# --- figure 2.2.2 (single choice, N=500) -----------------------------------------------------

STAGES_FIGURE = "2.2.2"
_stages = data.figure(STAGES_FIGURE)
_stages = _stages[_stages["segment_key"] == ""].set_index("key")["value"]
STAGES_N = int(data.figure_info(STAGES_FIGURE)["n"])
STAGES_TOTAL = round(float(_stages.sum()), 1)
STARTED_TOTAL = round(STAGES_TOTAL - float(_stages["not_started"]), 1)
EARLY = round(float(_stages["single_point"] + _stages["local_build"]), 1)
ADVANCED = round(float(_stages["intelligent_ops"] + _stages["innovation"]), 1)
FOUNDATION_OR_LATER = round(
    float(_stages["digital_foundation"] + _stages["intelligent_ops"] + _stages["innovation"]), 1
)
NOT_STARTED = float(_stages["not_started"])
SINGLE_POINT = float(_stages["single_point"])

# --- figure 3.3.1.1 (multiple choice, N=494) -------------------------------------------------

CHALLENGES_FIGURE = "3.3.1.1"
_challenges = data.figure(CHALLENGES_FIGURE)
_challenges = _challenges[_challenges["segment_key"] == ""]
CHALLENGES_TOTAL = round(float(_challenges["value"].sum()), 1)
CHALLENGES_COUNT = len(_challenges)
CHALLENGES_N = int(data.figure_info(CHALLENGES_FIGURE)["n"])

# --- N=494 vs N=500 -----------------------------------------------------------------------------

SPEND_FIGURE = "2.1.1"
SPEND_N = int(data.figure_info(SPEND_FIGURE)["n"])
N_GAP = STAGES_N - SPEND_N
NOT_STARTED_FIRMS = round(STAGES_N * NOT_STARTED / 100)
GENAI_FIGURE, GENAI_CHALLENGES_FIGURE = "S3.2.1-genai", "3.3.1.2"
GENAI_AWARE = data.stat(GENAI_FIGURE, "aware").value
GENAI_N = int(data.figure_info(GENAI_CHALLENGES_FIGURE)["n"])


QUESTIONS = [
    Question(
        id="m00.single_sum",
        module=MODULE,
        kind="number",
        graded=False,
        prompt=Text(
            f"练习：图 {STAGES_FIGURE}（数字化转型阶段分布，单选题，N={STAGES_N}）中，全部六个选项"
            "（五个阶段加“暂未开始数字化转型”）的占比加起来是多少（%）？把图上的数字相加即可。",
            f"Practice: in figure {STAGES_FIGURE} (stage distribution, single choice, "
            f"N={STAGES_N}), what do the shares of all six options (five stages plus 'not yet "
            "started') add up to (%)? Add up the numbers on the chart.",
        ),
        checker=number_near(
            STAGES_TOTAL,
            0.25,
            Text(
                "单选题中每家企业只选一项，所以各项占比之和是 100%（允许四舍五入带来的 ±0.1）。",
                "In a single-choice question each firm picks one option, so the shares add up "
                "to 100% (give or take 0.1 for rounding).",
            ),
            "%",
            near={
                STARTED_TOTAL: Text(
                    f"你只加了五个阶段，漏了“暂未开始数字化转型”的 {NOT_STARTED:g}%。"
                    f"{STARTED_TOTAL:g}% 是已经开始转型的企业。",
                    f"You added the five stages only and left out 'not yet started' "
                    f"({NOT_STARTED:g}%). {STARTED_TOTAL:g}% is the share that has started.",
                ),
                EARLY: Text(
                    f"{EARLY:g}% 只是单点尝试和局部建设两个阶段之和；题目要的是全部六个选项。",
                    f"{EARLY:g}% is the trial and build-out stages only; the question asks for "
                    "all six options.",
                ),
            },
        ),
        hints=(
            Text(
                "把鼠标移到每根柱子上可以看到精确数字。",
                "Hover over each bar to see its exact value.",
            ),
            Text(
                "别忘了最后一项“暂未开始数字化转型”。",
                "Do not forget the last option, 'not yet started'.",
            ),
            Text(
                "单选题：每家企业恰好属于一个选项。那么全部企业加起来是多少？",
                "Single choice: every firm is in exactly one option. So what must all firms add "
                "up to?",
            ),
        ),
        solution=Text(
            f"答案是 {STAGES_TOTAL:g}%。单选题的各项占比之和等于 100%（报告数据四舍五入到 0.1，"
            f"偶尔会差 0.1）。只加五个阶段会得到 {STARTED_TOTAL:g}%，这是“已经开始转型”的比例。",
            f"The answer is {STAGES_TOTAL:g}%. The shares of a single-choice question add up to "
            f"100% (rounded to 0.1, so occasionally off by 0.1). Adding only the five stages gives "
            f"{STARTED_TOTAL:g}%, the share that has started.",
        ),
        example_answer=STAGES_TOTAL,
        wrong_answers=(STARTED_TOTAL, EARLY),
        number_range=(0, 1000),
    ),
    Question(
        id="m00.multi_reason",
        module=MODULE,
        kind="choice",
        graded=False,
        prompt=Text(
            f"练习：图 {CHALLENGES_FIGURE}（转型中面临的困难与挑战，N={CHALLENGES_N}）中，报告给出的 "
            f"{CHALLENGES_COUNT} 项困难的占比加起来约为 {CHALLENGES_TOTAL:g}%，远超 100%。"
            "最合理的解释是？",
            f"Practice: in figure {CHALLENGES_FIGURE} (challenges of transformation, "
            f"N={CHALLENGES_N}) the {CHALLENGES_COUNT} challenges the report gives add up to about "
            f"{CHALLENGES_TOTAL:g}%, far above 100%. What is the best explanation?",
        ),
        options=(
            Option("error", "报告数据算错了", "The report's numbers are wrong"),
            Option(
                "multi",
                "这是多选题：一家企业可以同时选多项困难，每项占比都以全部受访企业为分母",
                "It is a multiple-choice question: a firm can pick several challenges, and each "
                "share is out of all respondents",
            ),
            Option(
                "duplicates",
                "同一家企业被重复调查了多次",
                "The same firms were surveyed several times",
            ),
            Option(
                "base500",
                "占比是以 N=500 而不是 N=494 计算的",
                "The shares were computed on N=500 instead of N=494",
            ),
        ),
        checker=choice_is(
            "multi",
            Text(
                "多选题的各项占比互相独立，加起来可以超过 100%；不能把它们相加得出“总数”。",
                "Multiple-choice shares are independent of each other and can add up to more "
                "than 100%; do not add them up into a 'total'.",
            ),
            near={
                "error": Text(
                    "先别急着下结论：看看图标题或数据说明，这是什么类型的题目？",
                    "Not so fast: check the question type in the title or the data notes.",
                ),
                "duplicates": Text(
                    "报告没有任何地方提到重复调查；更简单的解释在题型里：一家企业能不能同时"
                    "遇到几种困难？",
                    "Nothing in the report mentions repeat surveys; the simpler explanation is "
                    "the question type: can one firm face several challenges at once?",
                ),
                "base500": Text(
                    "换一个分母只会让每项略微变化，不可能让总和从 100% 变成 200%。",
                    "A different base changes each share only slightly; it cannot turn 100% into "
                    "200%.",
                ),
            },
        ),
        hints=(
            Text(
                "想一想：你的企业可能同时缺人才、又缺资金吗？",
                "Think: could your company lack both talent and funding at the same time?",
            ),
            Text(
                "看图表标题或数据说明：这道题是单选还是多选（可选多项）？",
                "Look at the chart's title or data notes: could respondents pick one option or "
                "several?",
            ),
        ),
        solution=Text(
            "这是多选题：受访者可选多项，每项占比 = 选了该项的企业 ÷ 全部受访企业。所以各项之和可以"
            "超过 100%。读多选题时，只比较各项的高低，不要把它们相加。另外，报告文本只给出了部分"
            "选项的数字（图表数值在文本中缺失），所以这个总和也不是全部选项之和。",
            "It is a multiple-choice question: each share = firms that picked the option ÷ all "
            "respondents, so the shares can add up to more than 100%. Compare the options; do not "
            "add them. Also, the report's text gives only some options' numbers (the chart values "
            "are missing), so the sum is not even over all options.",
        ),
        example_answer="multi",
        wrong_answers=("error", "duplicates", "base500"),
    ),
    Question(
        id="m00.share_to_count",
        module=MODULE,
        kind="number",
        graded=False,
        prompt=Text(
            f"练习：图 {STAGES_FIGURE} 的样本量是 N={STAGES_N}，其中“单点尝试阶段”占 "
            f"{SINGLE_POINT:g}%。这大约是多少家企业？（四舍五入到整数）",
            f"Practice: figure {STAGES_FIGURE} has N={STAGES_N}; the single-point trial stage is "
            f"{SINGLE_POINT:g}%. About how many firms is that (rounded to a whole number)?",
        ),
        checker=number_near(
            round(STAGES_N * SINGLE_POINT / 100),
            0.5,
            Text(
                "占比 × 样本量 = 企业数。把百分比换成家数，能帮你判断一个数字背后有多少企业。",
                "Share × sample size = number of firms. Turning a percentage into firms shows how "
                "many companies stand behind a number.",
            ),
            " 家",
            near={
                SINGLE_POINT: Text(
                    f"{SINGLE_POINT:g} 是百分比，不是企业家数：还要乘以样本量 N={STAGES_N}。",
                    f"{SINGLE_POINT:g} is the percentage, not the number of firms: multiply by "
                    f"the sample size N={STAGES_N}.",
                ),
                round(SPEND_N * SINGLE_POINT / 100, 1): Text(
                    f"你用了 N={SPEND_N}（其他图的样本量）。图 {STAGES_FIGURE} 自己的 N 是多少？",
                    f"You used N={SPEND_N}, another chart's sample size. What is figure "
                    f"{STAGES_FIGURE}'s own N?",
                ),
            },
        ),
        hints=(
            Text(
                f"{SINGLE_POINT:g}% 就是 {SINGLE_POINT / 100:g}。",
                f"{SINGLE_POINT:g}% is {SINGLE_POINT / 100:g}.",
            ),
            Text(
                f"用这张图自己的 N（{STAGES_N}），不是其他图的 N。",
                f"Use this chart's own N ({STAGES_N}), not another chart's.",
            ),
        ),
        solution=Text(
            f"{STAGES_N} × {SINGLE_POINT:g}% = {STAGES_N * SINGLE_POINT / 100:g} ≈ "
            f"{round(STAGES_N * SINGLE_POINT / 100)} 家。若误用 N={SPEND_N}，会得到约 "
            f"{SPEND_N * SINGLE_POINT / 100:.0f} 家。",
            f"{STAGES_N} × {SINGLE_POINT:g}% = {STAGES_N * SINGLE_POINT / 100:g} ≈ "
            f"{round(STAGES_N * SINGLE_POINT / 100)} firms. With N={SPEND_N} by mistake you "
            f"would get about {SPEND_N * SINGLE_POINT / 100:.0f}.",
        ),
        example_answer=round(STAGES_N * SINGLE_POINT / 100),
        wrong_answers=(SINGLE_POINT, round(SPEND_N * SINGLE_POINT / 100, 1)),
        number_range=(0, 100000),
    ),
    Question(
        id="m00.n_gap",
        module=MODULE,
        kind="choice",
        graded=False,
        prompt=Text(
            f"练习（批判性阅读）：报告调研了 {STAGES_N} 家企业，但多数图标注 N={SPEND_N}，相差 "
            f"{N_GAP} 家。报告本身没有解释原因。下面哪种解释与报告的数据一致（但仍只是推测）？",
            f"Practice (critical reading): the report surveyed {STAGES_N} firms, yet most charts "
            f"state N={SPEND_N}, {N_GAP} fewer. The report does not say why. Which explanation is "
            "consistent with the report's data (while still only a guess)?",
        ),
        options=(
            Option(
                "not_started",
                f"图 {STAGES_FIGURE} 中“暂未开始数字化转型”的企业占 {NOT_STARTED:g}%，即约 "
                f"{NOT_STARTED_FIRMS} 家；它们可能没有回答关于转型投入和做法的问题",
                f"In figure {STAGES_FIGURE}, {NOT_STARTED:g}% ('not yet started') is about "
                f"{NOT_STARTED_FIRMS} firms; they may have skipped the questions about "
                "transformation spending and practice",
            ),
            Option(
                "cases",
                "报告第四章有 6 个案例企业，它们被单独统计了",
                "Chapter 4 has six case companies, which were counted separately",
            ),
            Option(
                "appendix",
                f"附录 2 明确写明剔除了 {N_GAP} 家企业",
                f"Appendix 2 states that {N_GAP} firms were removed",
            ),
            Option(
                "zjtx",
                f"{N_GAP} 家是专精特新企业，不计入普通样本",
                f"The {N_GAP} firms are SRDI (专精特新) firms, kept out of the main sample",
            ),
        ),
        checker=choice_is(
            "not_started",
            Text(
                f"{STAGES_N} × {NOT_STARTED:g}% = {NOT_STARTED_FIRMS}，正好等于差额。这是一个与数据吻合的"
                "推测，但报告没有这样说——引用时要写明“推测”。",
                f"{STAGES_N} × {NOT_STARTED:g}% = {NOT_STARTED_FIRMS}, exactly the gap. It fits the "
                "data, but the report does not say so: call it a guess when you cite it.",
            ),
            near={
                "appendix": Text(
                    "附录 2 只说“对部分异常数据进行了剔除或修正”，没有给出数量。",
                    "Appendix 2 only says some abnormal data were 'removed or corrected'; it gives "
                    "no number.",
                ),
                "cases": Text(
                    "数字巧合不等于原因：案例企业与问卷样本没有联系的证据。",
                    "A matching number is not a cause: nothing links the case companies to the "
                    "survey sample.",
                ),
                "zjtx": Text(
                    "专精特新企业在报告中是样本的一部分（第 2.4 节按企业类型比较），并没有被"
                    "排除在外；再找找图中哪一组正好约等于这个差额。",
                    "SRDI (专精特新) firms are part of the sample (section 2.4 compares them by "
                    "enterprise type), not kept out of it; look for a group in the chart that "
                    "is about the size of the gap.",
                ),
            },
        ),
        hints=(
            Text(
                f"看看图 {STAGES_FIGURE}：哪一个选项的企业最不可能回答“你在转型上投入了多少”？",
                f"Look at figure {STAGES_FIGURE}: which firms could hardly answer 'how much did "
                "you spend on transformation'?",
            ),
            Text(
                f"算一算：{STAGES_N} × {NOT_STARTED:g}% = ?",
                f"Work it out: {STAGES_N} × {NOT_STARTED:g}% = ?",
            ),
            Text(
                "附录 2 关于数据处理写了什么？有没有给出剔除数量？",
                "What does appendix 2 say about data processing? Does it give a number?",
            ),
        ),
        solution=Text(
            f"“暂未开始”的 {NOT_STARTED:g}% × {STAGES_N} = {NOT_STARTED_FIRMS} 家，正好是 "
            f"{STAGES_N} − {SPEND_N}。同样，图 {GENAI_CHALLENGES_FIGURE} 的 N={GENAI_N} 恰好是 "
            f"{STAGES_N} × {GENAI_AWARE:g}%（对生成式 AI 有所了解的企业）。所以一个合理的推测是："
            "部分问题只问了相关的企业。但报告没有说明，"
            "附录 2 只提到剔除或修正了部分异常数据。读图时：看清每张图自己的 N，不同 N 的图之间"
            "比较要小心。",
            f"'Not yet started' {NOT_STARTED:g}% × {STAGES_N} = {NOT_STARTED_FIRMS} firms, exactly "
            f"{STAGES_N} − {SPEND_N}. Likewise N={GENAI_N} in figure {GENAI_CHALLENGES_FIGURE} "
            f"equals {STAGES_N} × {GENAI_AWARE:g}% (the firms aware of generative AI). A "
            "reasonable guess: some questions were "
            "asked only of the firms they apply to. But the report does not say so; appendix 2 "
            "only mentions removing or correcting abnormal data. When reading: note each chart's "
            "own N, and compare charts with different N carefully.",
        ),
        example_answer="not_started",
        wrong_answers=("cases", "appendix", "zjtx"),
    ),
    Question(
        id="m00.supported_claims",
        module=MODULE,
        kind="multi",
        graded=False,
        prompt=Text(
            f"练习：只看图 {STAGES_FIGURE}，下面哪些说法有数据支持？（可多选）",
            f"Practice: looking only at figure {STAGES_FIGURE}, which statements are supported "
            "by the data? (several may apply)",
        ),
        options=(
            Option(
                "early",
                "六成以上的中小企业处于单点尝试或局部建设阶段",
                "More than 60% of SMEs are at the single-point trial or local build-out stage",
            ),
            Option(
                "advanced",
                "处于智能运营或创新发展阶段的企业不到两成",
                "Fewer than 20% are at the intelligent-operations or innovation stage",
            ),
            Option(
                "foundation",
                "半数以上的企业已进入数字底座建设阶段或更高阶段",
                "More than half have reached the digital-foundation stage or beyond",
            ),
            Option(
                "zjtx",
                "专精特新企业大多处于创新发展阶段",
                "Most SRDI (专精特新) firms are at the innovation stage",
            ),
            Option(
                "not_started",
                "尚未开始数字化转型的企业不到 2%",
                "Fewer than 2% have not started digital transformation",
            ),
        ),
        checker=set_is(
            {
                key
                for key, holds in {
                    "early": EARLY > 60,
                    "advanced": ADVANCED < 20,
                    "foundation": FOUNDATION_OR_LATER > 50,
                    "zjtx": False,  # figure 2.2.2 has no breakdown by enterprise type
                    "not_started": NOT_STARTED < 2,
                }.items()
                if holds
            },
            Text(
                "把相关选项的占比相加再与说法比较；图中没有的细分（如企业类型）不能从这张图得出。",
                "Add the relevant shares and compare; a breakdown the chart does not have (such "
                "as enterprise type) cannot be read from it.",
            ),
            why_not={
                "foundation": Text(
                    "把数字底座、智能运营、创新发展三个阶段加起来，看看是否真的过半。",
                    "Add up the foundation, intelligent-ops and innovation stages: is it really "
                    "more than half?",
                ),
                "zjtx": Text(
                    f"图 {STAGES_FIGURE} 没有按企业类型拆分，这个说法无法从它得出。",
                    f"Figure {STAGES_FIGURE} is not split by enterprise type, so it cannot "
                    "support this.",
                ),
            },
        ),
        hints=(
            Text(
                "单选题里，相邻阶段的占比可以相加。",
                "In a single-choice chart, the shares of several stages can be added.",
            ),
            Text(
                "这张图有没有按企业类型（专精特新 / 非梯队）拆分？",
                "Does this chart split by enterprise type, SRDI (专精特新) or not?",
            ),
        ),
        solution=Text(
            f"单点尝试 + 局部建设 = {EARLY:g}%（六成以上，成立）；智能运营 + 创新发展 = {ADVANCED:g}%"
            f"（不到两成，成立）；数字底座及以上 = {FOUNDATION_OR_LATER:g}%（不到半数，不成立）；"
            f"暂未开始 = {NOT_STARTED:g}%（不到 2%，成立）。专精特新的阶段分布在图 2.4.2，"
            f"图 {STAGES_FIGURE} 无法支持这一说法。",
            f"Trial + build-out = {EARLY:g}% (over 60%, true); intelligent ops + innovation = "
            f"{ADVANCED:g}% (under 20%, true); foundation or beyond = {FOUNDATION_OR_LATER:g}% "
            f"(under half, false); not started = {NOT_STARTED:g}% (under 2%, true). The stages of "
            f"SRDI (专精特新) firms are in figure 2.4.2; figure {STAGES_FIGURE} cannot support that claim.",
        ),
        example_answer=["early", "advanced", "not_started"],
        wrong_answers=(["early", "advanced", "foundation"], ["early", "zjtx"], ["foundation"]),
    ),
    Question(
        id="m00.where_saved",
        module=MODULE,
        kind="choice",
        graded=False,
        prompt=Text(
            "练习：你在本课程练习中选择或填写的答案保存在哪里？",
            "Practice: where are the answers you give in this course's exercises saved?",
        ),
        options=(
            Option(
                "browser",
                "只在这台电脑浏览器的本地存储里：换一台电脑、换个浏览器或清除浏览器数据后就都没了，培训师也看不到",
                "Only in the browser's local storage: on another computer, or after clearing the "
                "browser's data, they are gone, and the trainer never sees them",
            ),
            Option(
                "file",
                "笔记本同一文件夹下的 answers_m00.json 文件（每个模块一个），一改动就保存",
                "In answers_m00.json beside the notebook (one file per module), saved on every "
                "change",
            ),
            Option(
                "trainer",
                "自动发送到培训师的邮箱",
                "Sent to the trainer by e-mail automatically",
            ),
            Option(
                "check_only",
                "只有点击“检查”按钮后才写进笔记本本身，所以不点“检查”就提交会丢失答案",
                "Written into the notebook itself only when you click Check, so submitting "
                "without checking loses them",
            ),
        ),
        checker=choice_is(
            "file",
            Text(
                "答案在你改动时立即写入 answers_m00.json；重启内核或重新打开笔记本后会自动载入。"
                '运行 saved_answers("m00") 可以查看已保存的内容。',
                "Answers are written to answers_m00.json as soon as you change them and load "
                'again after a kernel restart or reopening. Run saved_answers("m00") to see them.',
            ),
            near={
                "browser": Text(
                    "答案不在浏览器里：它们写在运行 Jupyter 的那台机器上的一个文件中，所以换电脑"
                    "登录后还在，培训师收作业时也能读到。看看改动答案后出现的提示写了什么文件名。",
                    "Not in the browser: they are written to a file on the machine that runs "
                    "Jupyter, so they are still there from another computer and the trainer can "
                    "read them. Check the file name in the message shown after you change an "
                    "answer.",
                ),
                "trainer": Text(
                    "没有任何东西会自动发邮件；培训师是在你提交作业后，从作业文件夹里读取答案的。",
                    "Nothing is e-mailed; the trainer reads your answers from the assignment "
                    "folder after you submit.",
                ),
                "check_only": Text(
                    "不需要点“检查”：答案一改动就保存了。“检查”只是给你反馈。",
                    "No need to click Check: an answer is saved as soon as you change it. Check "
                    "only gives you feedback.",
                ),
            },
        ),
        hints=(
            Text(
                "改动一个答案后，看看练习框下方出现的绿色提示。",
                "After changing an answer, read the green message under the exercise.",
            ),
        ),
        solution=Text(
            "保存在笔记本旁边的 answers_m00.json（模块 01 是 answers_m01.json，依此类推）。"
            "它随作业一起提交，培训师的自动评分也读取这个文件。",
            "In answers_m00.json beside the notebook (module 01 uses answers_m01.json, and so "
            "on). It is submitted with the assignment and the trainer's autograder reads it.",
        ),
        example_answer="file",
        wrong_answers=("browser", "trainer", "check_only"),
    ),
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = ()
