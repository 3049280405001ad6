<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About LinReg Lab</source>
        <translation>关于线性回归实验室</translation>
    </message>
    <message>
        <source>Close this window (Esc)</source>
        <translation>关闭此窗口 (Esc)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>LinReg Lab icon</source>
        <translation>线性回归实验室图标</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>Version unknown (not installed)</source>
        <translation>版本未知（未安装）</translation>
    </message>
    <message>
        <source>Learn linear regression by doing it: put data on a plot, run minibatch stochastic gradient descent and watch it meet the analytical solution.</source>
        <translation>动手学线性回归：在图上放置数据，运行小批量随机梯度下降，看着它逼近解析解。</translation>
    </message>
    <message>
        <source>Teaches chapter 3.1, Linear Regression, of &lt;a href=&quot;{url}&quot;&gt;Dive into Deep Learning&lt;/a&gt; (zh.d2l.ai).</source>
        <translation>配合&lt;a href=&quot;{url}&quot;&gt;《动手学深度学习》&lt;/a&gt;（zh.d2l.ai）第 3.1 节“线性回归”学习。</translation>
    </message>
    <message>
        <source>Built with</source>
        <translation>构建所用软件</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>LinReg Lab is free software under the {licence} licence. Qt and PySide6 are used under the GNU LGPL version 3.</source>
        <translation>线性回归实验室是以 {licence} 许可证发布的自由软件。Qt 和 PySide6 依据 GNU LGPL 第 3 版使用。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Recover unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <source>LinReg Lab did not close properly last time. Recover the work it saved automatically?</source>
        <translation>线性回归实验室上次没有正常关闭。要恢复它自动保存的工作吗？</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>关闭消息</translation>
    </message>
    <message>
        <source>Hide this message.</source>
        <translation>隐藏这条消息。</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>提示：</translation>
    </message>
</context>
<context>
    <name>ComparisonTable</name>
    <message>
        <source>Comparison of true, analytical and SGD parameters</source>
        <translation>真实参数、解析解与 SGD 参数的比较</translation>
    </message>
    <message>
        <source>The parameters the data were generated with (generated data only).</source>
        <translation>生成数据时所用的参数（仅适用于生成的数据）。</translation>
    </message>
    <message>
        <source>The least-squares solution computed in closed form.</source>
        <translation>用公式直接算出的最小二乘解（解析解）。</translation>
    </message>
    <message>
        <source>Where minibatch stochastic gradient descent is now.</source>
        <translation>小批量随机梯度下降当前所在的位置。</translation>
    </message>
    <message>
        <source>True</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>loss gap to optimum</source>
        <translation>与最优损失之差</translation>
    </message>
    <message>
        <source>Mean squared loss ½(ŷ − y)², whichever loss SGD minimises.</source>
        <translation>平均平方损失 ½(ŷ − y)²，无论 SGD 最小化的是哪种损失。</translation>
    </message>
    <message>
        <source>Distance of the SGD parameters θ = (w, b) from the least-squares optimum θ*.</source>
        <translation>SGD 参数 θ = (w, b) 与最小二乘最优解 θ* 之间的距离。</translation>
    </message>
    <message>
        <source>SGD&apos;s squared training loss minus the least-squares minimum.</source>
        <translation>SGD 的平方训练损失减去最小二乘的最小损失。</translation>
    </message>
    <message>
        <source>Analytical</source>
        <translation>解析解</translation>
    </message>
    <message>
        <source>(not unique)</source>
        <translation>（不唯一）</translation>
    </message>
    <message>
        <source>Many lines fit equally well ({}); the table shows the one with the smallest parameters (minimum norm).</source>
        <translation>有许多条直线拟合得同样好（{}）；表中显示的是参数最小的那一组（最小范数解）。</translation>
    </message>
    <message>
        <source>fewer examples than parameters</source>
        <translation>样本数少于参数个数</translation>
    </message>
    <message>
        <source>all x values are identical</source>
        <translation>所有 x 值都相同</translation>
    </message>
    <message>
        <source>a feature is duplicated</source>
        <translation>有重复的特征</translation>
    </message>
    <message>
        <source>the features are linearly dependent</source>
        <translation>特征之间线性相关</translation>
    </message>
    <message>
        <source>there are no training examples</source>
        <translation>没有训练样本</translation>
    </message>
    <message>
        <source>the design matrix is rank-deficient</source>
        <translation>设计矩阵不满秩</translation>
    </message>
</context>
<context>
    <name>DataFiles</name>
    <message>
        <source>Could not open the data file</source>
        <translation>无法打开数据文件</translation>
    </message>
    <message>
        <source>Open {name}</source>
        <translation>打开 {name}</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>uniform x in [lo, hi]</source>
        <translation>x 在 [下限, 上限] 内均匀分布</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>w</source>
        <translation>w</translation>
    </message>
    <message>
        <source>b</source>
        <translation>b</translation>
    </message>
    <message>
        <source>noise σ</source>
        <translation>噪声 σ</translation>
    </message>
    <message>
        <source>noise type</source>
        <translation>噪声类型</translation>
    </message>
    <message>
        <source>examples n</source>
        <translation>样本数 n</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>lo</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>hi</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证数据集</translation>
    </message>
    <message>
        <source>True weights w</source>
        <translation>真实权重 w</translation>
    </message>
    <message>
        <source>The true weights, one per feature, separated by commas (e.g. 2, -3.4).</source>
        <translation>真实权重，每个特征一个，用英文逗号分隔（例如 2, -3.4）。</translation>
    </message>
    <message>
        <source>True bias b</source>
        <translation>真实偏置 b</translation>
    </message>
    <message>
        <source>The true bias b added to every label.</source>
        <translation>加到每个标签上的真实偏置 b。</translation>
    </message>
    <message>
        <source>Noise standard deviation</source>
        <translation>噪声标准差</translation>
    </message>
    <message>
        <source>The standard deviation σ of the noise added to each label (0 = no noise).</source>
        <translation>加到每个标签上的噪声的标准差 σ（0 表示没有噪声）。</translation>
    </message>
    <message>
        <source>Noise type</source>
        <translation>噪声类型</translation>
    </message>
    <message>
        <source>The distribution of the noise: Gaussian as in d2l, heavier-tailed Laplace, or Gaussian with a few large outliers.</source>
        <translation>噪声的分布：与 d2l 相同的高斯分布、尾部更重的拉普拉斯分布，或带有少量大离群点的高斯分布。</translation>
    </message>
    <message>
        <source>Number of examples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>How many examples (x, y) to generate.</source>
        <translation>要生成多少个样本 (x, y)。</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>数据随机种子</translation>
    </message>
    <message>
        <source>The random seed: the same seed gives the same data.</source>
        <translation>随机种子：相同的种子生成相同的数据。</translation>
    </message>
    <message>
        <source>Uniform x range</source>
        <translation>x 的均匀取值范围</translation>
    </message>
    <message>
        <source>Draw x uniformly from [lo, hi] instead of from the standard normal N(0, 1).</source>
        <translation>从 [下限, 上限] 上的均匀分布抽取 x，而不是从标准正态分布 N(0, 1) 抽取。</translation>
    </message>
    <message>
        <source>Lower end of x</source>
        <translation>x 的下限</translation>
    </message>
    <message>
        <source>The smallest x value drawn when the uniform range is on.</source>
        <translation>启用均匀取值范围时抽取的最小 x 值。</translation>
    </message>
    <message>
        <source>Upper end of x</source>
        <translation>x 的上限</translation>
    </message>
    <message>
        <source>The largest x value drawn when the uniform range is on.</source>
        <translation>启用均匀取值范围时抽取的最大 x 值。</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证数据集比例</translation>
    </message>
    <message>
        <source>The share of examples held out for validation; it applies to the current data at once.</source>
        <translation>留作验证数据集的样本比例；会立即应用到当前数据。</translation>
    </message>
    <message>
        <source>Validation share in percent</source>
        <translation>验证数据集比例（百分比）</translation>
    </message>
    <message>
        <source>Generate data</source>
        <translation>生成数据</translation>
    </message>
    <message>
        <source>Replace the data with new examples drawn from y = Xw + b + noise.</source>
        <translation>用按 y = Xw + b + 噪声 重新抽取的样本替换当前数据。</translation>
    </message>
    <message>
        <source>Data generation</source>
        <translation>数据生成</translation>
    </message>
    <message>
        <source>Shown: %1 examples (%2 training, %3 validation)</source>
        <translation>当前：%1 个样本（%2 个训练，%3 个验证）</translation>
    </message>
    <message>
        <source>Analytical solution&apos;s error in estimating the parameters (true − analytical): %1</source>
        <translation>解析解的估计误差（真实值 − 解析解）：%1</translation>
    </message>
    <message>
        <source>Loaded from a file or placed by hand: the true line is not known.</source>
        <translation>来自文件或手工放置：真实的直线未知。</translation>
    </message>
    <message>
        <source>every x the same</source>
        <translation>所有 x 都相同</translation>
    </message>
    <message>
        <source>one feature stored twice</source>
        <translation>同一特征存了两遍</translation>
    </message>
    <message>
        <source>Made by the lesson&apos;s recipe “%1” with true %2, noise σ = %3, seed %4.</source>
        <translation>由课程的配方“%1”生成：真实参数 %2，噪声 σ = %3，随机种子 %4。</translation>
    </message>
    <message>
        <source>Made by Generate with true %2, noise σ = %3, seed %4.</source>
        <translation>由“生成”得到：真实参数 %2，噪声 σ = %3，随机种子 %4。</translation>
    </message>
    <message>
        <source>Edited since: the true line describes the points that were made with it.</source>
        <translation>之后经过编辑：真实的直线只描述用它生成的那些点。</translation>
    </message>
    <message>
        <source>The upper end hi must be above the lower end lo.</source>
        <translation>上限必须大于下限。</translation>
    </message>
</context>
<context>
    <name>DataState</name>
    <message>
        <source>The file marks %1 of %2 rows as validation; at most half may be.</source>
        <translation>文件把 %2 行中的 %1 行标为验证数据集；最多只能占一半。</translation>
    </message>
    <message>
        <source>%1 features: the lab draws and solves at most %2.</source>
        <translation>%1 个特征：本实验室最多能绘制和求解 %2 个。</translation>
    </message>
    <message>
        <source>%1 examples: the lab takes at most %2.</source>
        <translation>%1 个样本：本实验室最多接受 %2 个。</translation>
    </message>
    <message>
        <source>Row %1, %2: %3 is too large; the lab takes values up to 1e100 in size, so that their squares stay exact.</source>
        <translation>第 %1 行，%2：%3 太大了；本实验室只接受绝对值不超过 1e100 的数，这样它们的平方仍然精确。</translation>
    </message>
</context>
<context>
    <name>DensityPart</name>
    <message>
        <source>Normal distribution p(x)</source>
        <translation>正态分布 p(x)</translation>
    </message>
    <message>
        <source>Normal density curves</source>
        <translation>正态分布密度曲线</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>你的曲线</translation>
    </message>
    <message>
        <source>show the chapter&apos;s three curves</source>
        <translation>显示本章的三条曲线</translation>
    </message>
    <message>
        <source>Mean μ</source>
        <translation>均值 μ</translation>
    </message>
    <message>
        <source>The mean μ of your normal curve: where its peak sits.</source>
        <translation>你的正态分布曲线的均值 μ：峰值所在的位置。</translation>
    </message>
    <message>
        <source>Standard deviation σ</source>
        <translation>标准差 σ</translation>
    </message>
    <message>
        <source>The standard deviation σ of your curve: larger σ spreads it wider and lowers its peak.</source>
        <translation>你的曲线的标准差 σ：σ 越大，曲线越宽、峰值越低。</translation>
    </message>
    <message>
        <source>Show the chapter&apos;s three curves</source>
        <translation>显示本章的三条曲线</translation>
    </message>
    <message>
        <source>Overlay the curves of d2l&apos;s figure: (μ=0, σ=1), (μ=0, σ=2) and (μ=3, σ=1).</source>
        <translation>叠加显示 d2l 图中的曲线：(μ=0, σ=1)、(μ=0, σ=2) 和 (μ=3, σ=1)。</translation>
    </message>
</context>
<context>
    <name>EstimationPart</name>
    <message>
        <source>Estimation error vs number of examples</source>
        <translation>估计误差与样本数</translation>
    </message>
    <message>
        <source>Estimate error vs n</source>
        <translation>估计误差与 n</translation>
    </message>
    <message>
        <source>Estimate error against dataset size</source>
        <translation>估计误差随数据集大小的变化</translation>
    </message>
    <message>
        <source>Estimation error summary</source>
        <translation>估计误差小结</translation>
    </message>
    <message>
        <source>How fast the least-squares estimate approaches the true parameters.</source>
        <translation>最小二乘估计逼近真实参数的速度。</translation>
    </message>
    <message>
        <source>Estimation error against dataset size</source>
        <translation>估计误差随数据集大小的变化</translation>
    </message>
    <message>
        <source>Distance between the least-squares estimate and the true (w, b), on log-log axes.</source>
        <translation>最小二乘估计与真实 (w, b) 之间的距离（双对数坐标）。</translation>
    </message>
    <message>
        <source>number of examples n</source>
        <translation>样本数 n</translation>
    </message>
    <message>
        <source>‖θ̂ − θ_true‖</source>
        <translation>‖θ̂ − θ_true‖</translation>
    </message>
    <message>
        <source>your n</source>
        <translation>当前的 n</translation>
    </message>
    <message>
        <source>one dataset</source>
        <translation>单个数据集</translation>
    </message>
    <message>
        <source>mean of {count} datasets</source>
        <translation>{count} 个数据集的平均值</translation>
    </message>
    <message>
        <source>c / √n</source>
        <translation>c / √n</translation>
    </message>
    <message>
        <source>Refit least squares on fresh data of growing size from the true line.</source>
        <translation>在由真实直线生成、规模不断增大的新数据上重新做最小二乘拟合。</translation>
    </message>
    <message>
        <source>Only for generated data: loaded data have no known true parameters.</source>
        <translation>仅适用于生成的数据：加载的数据没有已知的真实参数。</translation>
    </message>
    <message>
        <source>Needs generated data: loaded or hand-made data have no true parameters to compare with. Generate data to try it.</source>
        <translation>需要生成的数据：加载的或手工添加的数据没有可供比较的真实参数。请先生成数据再试。</translation>
    </message>
    <message>
        <source>Fit least squares to fresh datasets of 10 to 100,000 examples from the same true line and noise, and measure how far the estimate lands from the truth.</source>
        <translation>用同一条真实直线和同样的噪声生成含 10 到 100,000 个样本的新数据集，对它们做最小二乘拟合，并测量估计值离真实值有多远。</translation>
    </message>
    <message>
        <source>Without noise, least squares recovers the truth exactly (up to rounding).</source>
        <translation>没有噪声时，最小二乘能准确恢复真实参数（仅有舍入误差）。</translation>
    </message>
    <message>
        <source>Measured slope {slope} on log-log axes; 1/√n predicts −0.5: 100 times more data, 10 times smaller error.</source>
        <translation>在双对数坐标上测得的斜率为 {slope}；按 1/√n 规律应为 −0.5：数据多 100 倍，误差缩小到 1/10。</translation>
    </message>
</context>
<context>
    <name>Explanations</name>
    <message>
        <source>There are no training examples yet: click on the plot to add some.</source>
        <translation>还没有训练样本：在图上单击即可添加。</translation>
    </message>
    <message>
        <source>There are fewer training examples than parameters, so many lines fit equally well: XᵀX is not invertible. The blue line is the one with the smallest weights.</source>
        <translation>训练样本比参数还少，所以有许多条直线拟合得同样好：XᵀX 不可逆。蓝线是其中权重最小的那一条。</translation>
    </message>
    <message>
        <source>All training examples have the same x, so the slope is not determined: XᵀX is not invertible. The blue line is the one with the smallest weights.</source>
        <translation>所有训练样本的 x 都相同，所以斜率无法确定：XᵀX 不可逆。蓝线是其中权重最小的那一条。</translation>
    </message>
    <message>
        <source>Two features are copies of each other, so their weights can trade off freely: XᵀX is not invertible. The blue solution is the one with the smallest weights.</source>
        <translation>有两个特征完全相同，它们的权重可以此消彼长：XᵀX 不可逆。蓝色的解是其中权重最小的那一个。</translation>
    </message>
    <message>
        <source>Some features are linear combinations of others (or there are too few distinct x values), so XᵀX is not invertible. The blue solution is the one with the smallest weights.</source>
        <translation>有些特征是其他特征的线性组合（或者不同的 x 值太少），所以 XᵀX 不可逆。蓝色的解是其中权重最小的那一个。</translation>
    </message>
    <message>
        <source>Training diverged: the loss grew without bound, so it was stopped. The numbers shown are the last finite ones.</source>
        <translation>训练发散了：损失无限增大，因此训练已停止。显示的数值是最后一组有限值。</translation>
    </message>
    <message>
        <source>The learning rate η = {lr} is above the stability limit 2/λmax ≈ {limit} for these data: lower η (try {half}) and press Reset.</source>
        <translation>学习率 η = {lr} 超过了这些数据的稳定上限 2/λmax ≈ {limit}：请降低 η（可试试 {half}）并按“重置”。</translation>
    </message>
    <message>
        <source>Lower the learning rate η and press Reset.</source>
        <translation>请降低学习率 η 并按“重置”。</translation>
    </message>
    <message>
        <source>η = {lr} is above the stability limit 2/λmax ≈ {limit} for these data: training will probably diverge. Try η below {limit}.</source>
        <translation>η = {lr} 超过了这些数据的稳定上限 2/λmax ≈ {limit}：训练很可能会发散。请尝试小于 {limit} 的 η。</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Fit plot</source>
        <translation>拟合图</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Neuron diagram</source>
        <translation>神经网络图</translation>
    </message>
    <message>
        <source>Plots can be exported as PNG or SVG, not “{fmt}”.</source>
        <translation>图只能导出为 PNG 或 SVG，不能导出为“{fmt}”。</translation>
    </message>
    <message>
        <source>The {plot} has no size yet; show it, then export.</source>
        <translation>{plot}还没有尺寸；请先让它显示出来，再导出。</translation>
    </message>
    <message>
        <source>There is nothing to export: the lab has no training examples.</source>
        <translation>没有可导出的内容：实验室中没有训练样本。</translation>
    </message>
    <message>
        <source>Could not write {name}: {reason}.</source>
        <translation>无法写入 {name}：{reason}。</translation>
    </message>
    <message>
        <source>Export {plot} as {fmt}</source>
        <translation>将{plot}导出为 {fmt}</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>Export data as CSV</source>
        <translation>将数据导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export loss history as CSV</source>
        <translation>将损失历史导出为 CSV</translation>
    </message>
    <message>
        <source>Export as Python script</source>
        <translation>导出为 Python 脚本</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>The export failed; nothing was written.</source>
        <translation>导出失败；没有写入任何内容。</translation>
    </message>
    <message>
        <source>{plot} as {fmt}…</source>
        <translation>{plot}（{fmt}）…</translation>
    </message>
    <message>
        <source>Save the {plot} as a {fmt} picture.</source>
        <translation>将{plot}保存为 {fmt} 图片。</translation>
    </message>
    <message>
        <source>Data as CSV…</source>
        <translation>数据（CSV）…</translation>
    </message>
    <message>
        <source>Save every example as a CSV table, with a split column that marks the validation data.</source>
        <translation>把所有样本保存为 CSV 表格，其中 split 列标出哪些属于验证数据集。</translation>
    </message>
    <message>
        <source>Save a NumPy-only script that redoes this run up to the current step, d2l style.</source>
        <translation>保存一个只用 NumPy 的脚本，按 d2l 的写法重做本次训练直到当前这一步。</translation>
    </message>
    <message>
        <source>Loss history as CSV…</source>
        <translation>损失历史（CSV）…</translation>
    </message>
    <message>
        <source>Save the minibatch and epoch losses, with w and b, as a CSV table.</source>
        <translation>将小批量损失和每个迭代周期的损失连同 w 和 b 保存为 CSV 表格。</translation>
    </message>
    <message>
        <source>As Python script…</source>
        <translation>Python 脚本…</translation>
    </message>
    <message>
        <source>The picture could not be encoded as PNG.</source>
        <translation>无法将图片编码为 PNG。</translation>
    </message>
</context>
<context>
    <name>FitPanel</name>
    <message>
        <source>With several features, choose what the fit plot shows</source>
        <translation>有多个特征时，选择拟合图显示的内容</translation>
    </message>
    <message>
        <source>Fit plot view</source>
        <translation>拟合图视图</translation>
    </message>
    <message>
        <source>partial view: {name}</source>
        <translation>单特征视图：{name}</translation>
    </message>
    <message>
        <source>predicted vs actual</source>
        <translation>预测值与实际值</translation>
    </message>
    <message>
        <source>Click to add a point · drag to move it · right-click or Delete to remove it</source>
        <translation>单击添加点 · 拖动可移动点 · 右键单击或按 Delete 删除点</translation>
    </message>
    <message>
        <source>Points can be edited when the data have one feature</source>
        <translation>数据只有一个特征时才能编辑数据点</translation>
    </message>
</context>
<context>
    <name>FitPlot</name>
    <message>
        <source>Fit plot</source>
        <translation>拟合图</translation>
    </message>
    <message>
        <source>true line</source>
        <translation>真实直线</translation>
    </message>
    <message>
        <source>analytical solution</source>
        <translation>解析解</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>validation data</source>
        <translation>验证数据</translation>
    </message>
    <message>
        <source>current minibatch</source>
        <translation>当前小批量</translation>
    </message>
    <message>
        <source>actual y</source>
        <translation>实际值 y</translation>
    </message>
    <message>
        <source>predicted ŷ</source>
        <translation>预测值 ŷ</translation>
    </message>
</context>
<context>
    <name>FitsTable</name>
    <message>
        <source>Least squares, least absolute deviations and Huber lines</source>
        <translation>最小二乘、最小绝对偏差和 Huber 直线</translation>
    </message>
    <message>
        <source>‖θ − θtrue‖</source>
        <translation>‖θ − θtrue‖</translation>
    </message>
    <message>
        <source>Least squares: the line minimising Σ(y − ŷ)², the analytical solution (blue); the maximum-likelihood line under Gaussian noise.</source>
        <translation>最小二乘：使 Σ(y − ŷ)² 最小的直线，即解析解（蓝色）；在高斯噪声下它就是极大似然估计的直线。</translation>
    </message>
    <message>
        <source>Least absolute deviations: the line minimising Σ|y − ŷ|; the maximum-likelihood line under Laplace noise.</source>
        <translation>最小绝对偏差：使 Σ|y − ŷ| 最小的直线；在拉普拉斯噪声下它就是极大似然估计的直线。</translation>
    </message>
    <message>
        <source>The line minimising the Huber loss: squared for residuals within ±δ, absolute beyond (δ as in the Training panel); nearly as precise as least squares on Gaussian noise, nearly as robust as the absolute loss.</source>
        <translation>使 Huber 损失最小的直线：残差在 ±δ 以内按平方计，超出部分按绝对值计（δ 与“训练”面板中的相同）；在高斯噪声下几乎和最小二乘一样精确，又几乎和绝对值损失一样稳健。</translation>
    </message>
    <message>
        <source>Distance of the fitted (w, b) from the parameters the data were generated with.</source>
        <translation>拟合得到的 (w, b) 与生成数据时所用参数之间的距离。</translation>
    </message>
</context>
<context>
    <name>FormulaPanel</name>
    <message>
        <source>  (one row per example: ŷ{sup} = &lt;b&gt;w&lt;/b&gt;ᵀ&lt;b&gt;x&lt;/b&gt;{sup} + &lt;i&gt;b&lt;/i&gt;)</source>
        <translation>  （每个样本一行：ŷ{sup} = &lt;b&gt;w&lt;/b&gt;ᵀ&lt;b&gt;x&lt;/b&gt;{sup} + &lt;i&gt;b&lt;/i&gt;）</translation>
    </message>
    <message>
        <source>with the current SGD parameters after {steps} steps (epoch {epoch}):</source>
        <translation>代入 {steps} 步后（第 {epoch} 个迭代周期）的当前 SGD 参数：</translation>
    </message>
    <message>
        <source>an &lt;i&gt;affine transformation&lt;/i&gt; of the features: a weighted sum (a linear transformation) plus the bias (a translation)</source>
        <translation>特征的&lt;i&gt;仿射变换&lt;/i&gt;：加权和（线性变换）再加上偏置（平移）</translation>
    </message>
    <message>
        <source>if |&lt;i&gt;r&lt;/i&gt;| ≤ δ</source>
        <translation>若 |&lt;i&gt;r&lt;/i&gt;| ≤ δ</translation>
    </message>
    <message>
        <source>otherwise</source>
        <translation>否则</translation>
    </message>
    <message>
        <source>with &lt;i&gt;r&lt;/i&gt; = {r}, δ = {delta}</source>
        <translation>其中 &lt;i&gt;r&lt;/i&gt; = {r}，δ = {delta}</translation>
    </message>
    <message>
        <source>Selected: {name}</source>
        <translation>当前选择：{name}</translation>
    </message>
    <message>
        <source>now: &lt;i&gt;L&lt;/i&gt; = {value} over &lt;i&gt;n&lt;/i&gt; = {n} training examples</source>
        <translation>当前：在 &lt;i&gt;n&lt;/i&gt; = {n} 个训练样本上 &lt;i&gt;L&lt;/i&gt; = {value}</translation>
    </message>
    <message>
        <source>validation loss: {value}</source>
        <translation>验证损失：{value}</translation>
    </message>
    <message>
        <source>The analytical solution w* minimises the squared loss, not this one, so SGD settles elsewhere.</source>
        <translation>解析解 w* 最小化的是平方损失而不是这个损失，所以 SGD 会停在别处。</translation>
    </message>
    <message>
        <source>No step taken yet: press Step to see an update with its numbers.</source>
        <translation>还没有走过一步：按“单步”查看一次带具体数值的更新。</translation>
    </message>
    <message>
        <source>last step: |&lt;i&gt;B&lt;/i&gt;| = {size}, η = {lr}, minibatch loss = {loss}</source>
        <translation>上一步：|&lt;i&gt;B&lt;/i&gt;| = {size}，η = {lr}，小批量损失 = {loss}</translation>
    </message>
    <message>
        <source>(the last batch of an epoch is shorter)</source>
        <translation>（每个迭代周期的最后一个小批量较小）</translation>
    </message>
    <message>
        <source>with the averaged gradient &lt;i&gt;g&lt;/i&gt; = (1/|&lt;i&gt;B&lt;/i&gt;|) Σ&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;∈&lt;i&gt;B&lt;/i&gt;&lt;/sub&gt; ∂&lt;i&gt;l&lt;/i&gt;{sup}: old − η·&lt;i&gt;g&lt;/i&gt; = new</source>
        <translation>使用平均梯度 &lt;i&gt;g&lt;/i&gt; = (1/|&lt;i&gt;B&lt;/i&gt;|) Σ&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;∈&lt;i&gt;B&lt;/i&gt;&lt;/sub&gt; ∂&lt;i&gt;l&lt;/i&gt;{sup}：旧值 − η·&lt;i&gt;g&lt;/i&gt; = 新值</translation>
    </message>
    <message>
        <source>&lt;b&gt;X&lt;/b&gt; = [features, 1]: the {n} training examples, with a column of ones for &lt;i&gt;b&lt;/i&gt;.</source>
        <translation>&lt;b&gt;X&lt;/b&gt; = [特征, 1]：{n} 个训练样本，最后一列全为 1，对应 &lt;i&gt;b&lt;/i&gt;。</translation>
    </message>
    <message>
        <source>Here &lt;b&gt;X&lt;/b&gt;ᵀ&lt;b&gt;X&lt;/b&gt; is {p}×{p}; its entries are written out for up to 3 features.</source>
        <translation>这里 &lt;b&gt;X&lt;/b&gt;ᵀ&lt;b&gt;X&lt;/b&gt; 是 {p}×{p} 矩阵；只有不超过 3 个特征时才写出它的各个元素。</translation>
    </message>
    <message>
        <source>{w} = {wv}, &lt;i&gt;b&lt;/i&gt;* = {bv}; loss there: {loss}</source>
        <translation>{w} = {wv}，&lt;i&gt;b&lt;/i&gt;* = {bv}；该处的损失：{loss}</translation>
    </message>
    <message>
        <source>Not unique: rank of &lt;b&gt;X&lt;/b&gt; is {rank} but there are {p} parameters.</source>
        <translation>解不唯一：&lt;b&gt;X&lt;/b&gt; 的秩为 {rank}，但共有 {p} 个参数。</translation>
    </message>
    <message>
        <source>The app does not invert &lt;b&gt;X&lt;/b&gt;ᵀ&lt;b&gt;X&lt;/b&gt;: that squares the condition number and can lose half the digits. It solves the same least-squares problem by a QR decomposition of &lt;b&gt;X&lt;/b&gt;, which is numerically safe.</source>
        <translation>本程序并不对 &lt;b&gt;X&lt;/b&gt;ᵀ&lt;b&gt;X&lt;/b&gt; 求逆：那样会使条件数平方，可能损失一半的有效数字。它改用 &lt;b&gt;X&lt;/b&gt; 的 QR 分解来求解同一个最小二乘问题，这在数值上是安全的。</translation>
    </message>
    <message>
        <source>Model formula</source>
        <translation>模型公式</translation>
    </message>
    <message>
        <source>The linear model with the current SGD weights.</source>
        <translation>代入当前 SGD 权重的线性模型。</translation>
    </message>
    <message>
        <source>Loss formula</source>
        <translation>损失公式</translation>
    </message>
    <message>
        <source>The selected loss and its current value.</source>
        <translation>所选的损失函数及其当前值。</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>上一次更新</translation>
    </message>
    <message>
        <source>The last minibatch SGD update with its actual numbers.</source>
        <translation>上一次小批量 SGD 更新及其具体数值。</translation>
    </message>
    <message>
        <source>Analytical solution</source>
        <translation>解析解</translation>
    </message>
    <message>
        <source>The closed-form least-squares solution and its pieces.</source>
        <translation>最小二乘问题的解析解及其各个组成部分。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Last minibatch update</source>
        <translation>上一次小批量更新</translation>
    </message>
    <message>
        <source>Formulas</source>
        <translation>公式</translation>
    </message>
</context>
<context>
    <name>GenerationSpec</name>
    <message>
        <source>Weights, bias, noise and the x range must be numbers between −1e100 and 1e100.</source>
        <translation>权重、偏置、噪声和 x 的范围必须是介于 −1e100 和 1e100 之间的数。</translation>
    </message>
    <message>
        <source>Give 1 to %1 weights, one per feature.</source>
        <translation>请给出 1 到 %1 个权重，每个特征一个。</translation>
    </message>
    <message>
        <source>The number of examples must be 1 to %1.</source>
        <translation>样本数必须在 1 到 %1 之间。</translation>
    </message>
    <message>
        <source>The validation share must be 0 % to 50 %.</source>
        <translation>验证数据集比例必须在 0 % 到 50 % 之间。</translation>
    </message>
</context>
<context>
    <name>HyperparameterBar</name>
    <message>
        <source>until paused</source>
        <translation>直到暂停</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>η</source>
        <translation>η</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>迭代周期数</translation>
    </message>
    <message>
        <source>Run speed</source>
        <translation>运行速度</translation>
    </message>
    <message>
        <source>How many SGD steps Run takes per second, from 1 (to watch each step) to as fast as the machine allows.</source>
        <translation>“运行”时每秒执行多少步 SGD：从 1 步（便于观察每一步）到机器允许的最快速度。</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>The learning rate η: how far each SGD step moves against the gradient.</source>
        <translation>学习率 η：每一步 SGD 沿负梯度方向移动多远。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>How many examples each minibatch averages the gradient over.</source>
        <translation>每个小批量对多少个样本的梯度求平均。</translation>
    </message>
    <message>
        <source>Epochs per Run</source>
        <translation>每次运行的迭代周期数</translation>
    </message>
    <message>
        <source>How many passes over the training data one Run makes (0 = until paused).</source>
        <translation>一次“运行”遍历训练数据多少个迭代周期（0 表示一直运行到暂停）。</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>Current run speed</source>
        <translation>当前运行速度</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
</context>
<context>
    <name>Hyperparameters</name>
    <message>
        <source>The learning rate η must be a number from %1 to %2, not %3.</source>
        <translation>学习率 η 必须是 %1 到 %2 之间的数，而不是 %3。</translation>
    </message>
    <message>
        <source>The batch size must be a whole number from 1 to %1, not %2.</source>
        <translation>批量大小必须是 1 到 %1 之间的整数，而不是 %2。</translation>
    </message>
    <message>
        <source>The number of epochs must be a whole number from 0 to %1, not %2.</source>
        <translation>迭代周期数必须是 0 到 %1 之间的整数，而不是 %2。</translation>
    </message>
    <message>
        <source>The seed must be a whole number from 0 to %1, not %2.</source>
        <translation>随机种子必须是 0 到 %1 之间的整数，而不是 %2。</translation>
    </message>
    <message>
        <source>Unknown initialisation %1.</source>
        <translation>未知的初始化方式 %1。</translation>
    </message>
    <message>
        <source>The starting weights must be 1 to %1 numbers between −1e100 and 1e100.</source>
        <translation>初始权重必须是 1 到 %1 个介于 −1e100 和 1e100 之间的数。</translation>
    </message>
    <message>
        <source>The starting bias must be a number between −1e100 and 1e100.</source>
        <translation>初始偏置必须是介于 −1e100 和 1e100 之间的数。</translation>
    </message>
    <message>
        <source>Unknown loss %1.</source>
        <translation>未知的损失函数 %1。</translation>
    </message>
    <message>
        <source>Huber&apos;s δ must be a number above 0 and at most %1, not %2.</source>
        <translation>Huber 的 δ 必须大于 0 且不超过 %1，而不是 %2。</translation>
    </message>
    <message>
        <source>Shuffle and standardise are yes-or-no choices.</source>
        <translation>打乱顺序和标准化只能选“是”或“否”。</translation>
    </message>
</context>
<context>
    <name>LabActions</name>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Do one minibatch SGD update (→ or S)</source>
        <translation>执行一次小批量 SGD 更新 (→ or S)</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>一个迭代周期</translation>
    </message>
    <message>
        <source>Train to the end of the current epoch (E)</source>
        <translation>训练到当前这个迭代周期结束 (E)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Run or pause training (Space)</source>
        <translation>运行或暂停训练 (Space)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Start training again from the initial parameters (R)</source>
        <translation>从初始参数重新开始训练 (R)</translation>
    </message>
    <message>
        <source>Generate data</source>
        <translation>生成数据</translation>
    </message>
    <message>
        <source>Replace the data with new noisy data (undoable)</source>
        <translation>用新生成的带噪声数据替换当前数据（可撤销）</translation>
    </message>
    <message>
        <source>Clear data</source>
        <translation>清空数据</translation>
    </message>
    <message>
        <source>Remove every data point (undoable)</source>
        <translation>删除所有数据点（可撤销）</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open a saved session (.linreglab) or data from a CSV file</source>
        <translation>打开已保存的会话 (.linreglab) 或 CSV 文件中的数据</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Save data, settings and the training run to a .linreglab file</source>
        <translation>将数据、设置和训练过程保存到 .linreglab 文件</translation>
    </message>
    <message>
        <source>Save session as…</source>
        <translation>会话另存为…</translation>
    </message>
    <message>
        <source>Save the session under a new name</source>
        <translation>以新名称保存会话</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Close LinReg Lab</source>
        <translation>关闭线性回归实验室</translation>
    </message>
    <message>
        <source>Fit view to data</source>
        <translation>显示全部数据</translation>
    </message>
    <message>
        <source>Frame all data points in the fit plot</source>
        <translation>缩放拟合图，使所有数据点都可见</translation>
    </message>
    <message>
        <source>Show residuals</source>
        <translation>显示残差</translation>
    </message>
    <message>
        <source>Draw each point&apos;s residual to the SGD line</source>
        <translation>画出每个点到 SGD 直线的残差</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation>损失轴用对数刻度</translation>
    </message>
    <message>
        <source>Show the loss curve on a log scale</source>
        <translation>以对数刻度显示损失曲线</translation>
    </message>
    <message>
        <source>Loss curve in epochs</source>
        <translation>损失曲线按迭代周期显示</translation>
    </message>
    <message>
        <source>Count the loss curve&apos;s x axis in epochs</source>
        <translation>损失曲线的横轴以迭代周期为单位</translation>
    </message>
    <message>
        <source>Restore default settings</source>
        <translation>恢复默认设置</translation>
    </message>
    <message>
        <source>Forget the saved window layout, speed and language</source>
        <translation>清除已保存的窗口布局、运行速度和语言设置</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>How to use LinReg Lab, in your language</source>
        <translation>线性回归实验室的使用说明（使用当前界面语言）</translation>
    </message>
    <message>
        <source>About LinReg Lab</source>
        <translation>关于线性回归实验室</translation>
    </message>
    <message>
        <source>Version, licences and the book this app teaches</source>
        <translation>版本、许可证以及本程序所讲授的教材</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
</context>
<context>
    <name>LandscapePlot</name>
    <message>
        <source>Loss landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>The landscape is drawn for one or two features</source>
        <translation>只有一个或两个特征时才绘制损失曲面</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>en</source>
        <comment>the code of the language translated into: en or zh_CN</comment>
        <translation>zh_CN</translation>
    </message>
    <message>
        <source>Try this</source>
        <translation>动手试试</translation>
    </message>
    <message>
        <source>Load this lesson&apos;s preset</source>
        <translation>载入本课的预设</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Choose a section or exercise of the chapter to read and try.</source>
        <translation>选择本章的一节或一道练习来阅读和动手尝试。</translation>
    </message>
    <message>
        <source>Lesson text</source>
        <translation>课程内容</translation>
    </message>
    <message>
        <source>What this part of the chapter says, in short.</source>
        <translation>本章这一部分内容的简要说明。</translation>
    </message>
    <message>
        <source>Try this steps</source>
        <translation>动手试试的步骤</translation>
    </message>
    <message>
        <source>Things to do in the lab; tick each one when you have tried it.</source>
        <translation>可以在实验室里做的事情；每试过一项就勾选它。</translation>
    </message>
    <message>
        <source>Replace the data and settings with this lesson&apos;s experiment (Undo brings the old data back).</source>
        <translation>用本课的实验替换当前的数据和设置（撤销可以恢复原来的数据）。</translation>
    </message>
    <message>
        <source>Steps done</source>
        <translation>已完成的步骤</translation>
    </message>
    <message>
        <source>How many of this lesson&apos;s steps you have ticked.</source>
        <translation>本课的步骤中你已勾选了多少项。</translation>
    </message>
    <message>
        <source>{done} of {total} tried</source>
        <translation>已尝试 {done}/{total} 项</translation>
    </message>
</context>
<context>
    <name>LikelihoodPart</name>
    <message>
        <source>Likelihood vs squared error</source>
        <translation>似然与平方误差</translation>
    </message>
    <message>
        <source>b (w at the analytical w)</source>
        <translation>b（w 固定为解析解的 w）</translation>
    </message>
    <message>
        <source>MSE (solid)</source>
        <translation>均方误差（实线）</translation>
    </message>
    <message>
        <source>−log P (dashed)</source>
        <translation>−log P（虚线）</translation>
    </message>
    <message>
        <source>Negative log-likelihood and MSE along b</source>
        <translation>负对数似然与均方误差随 b 的变化</translation>
    </message>
    <message>
        <source>Both curves as functions of b with w fixed at the analytical w: their lowest points sit at the same b, the analytical b (blue).</source>
        <translation>两条曲线都是 w 固定为解析解的 w 时关于 b 的函数：它们的最低点位于同一个 b，即解析解的 b（蓝色）。</translation>
    </message>
    <message>
        <source>MSE: {mse}
½·MSE: {half} The comparison table and the loss curve show ½·MSE.
−log P = n·½log(2πσ²) + n·MSE/(2σ²)</source>
        <translation>MSE：{mse}
½·MSE：{half} 对比表和损失曲线显示的是 ½·MSE。
−log P = n·½log(2πσ²) + n·MSE/(2σ²)</translation>
    </message>
    <message>
        <source>fitted σ</source>
        <translation>拟合的 σ</translation>
    </message>
    <message>
        <source>Use the fitted noise level</source>
        <translation>使用拟合的噪声水平</translation>
    </message>
    <message>
        <source>Use the fitted σ, the maximum-likelihood noise level of the analytical line; untick to choose σ yourself.</source>
        <translation>使用拟合的 σ，即解析解直线的噪声水平的极大似然估计；取消勾选可自行选择 σ。</translation>
    </message>
    <message>
        <source>Noise level σ of the likelihood</source>
        <translation>似然中的噪声水平 σ</translation>
    </message>
    <message>
        <source>The fixed σ in −log P(y|X): it scales the curve but never moves its minimum.</source>
        <translation>−log P(y|X) 中固定的 σ：它会缩放曲线，但不会移动曲线的最小值点。</translation>
    </message>
    <message>
        <source>SGD now: MSE {mse} (½·MSE {half}) · −log P {nll}
optimum: MSE {mse_opt} (½·MSE {half_opt}) · −log P {nll_opt}
MSE = mean of (y − ŷ)² = 2 × ½·MSE</source>
        <translation>SGD 当前：均方误差 MSE {mse}（½·MSE {half}）· −log P {nll}
最优解：均方误差 MSE {mse_opt}（½·MSE {half_opt}）· −log P {nll_opt}
MSE = (y − ŷ)² 的平均值 = 2 × ½·MSE</translation>
    </message>
</context>
<context>
    <name>LossComparisonPart</name>
    <message>
        <source>Squared, absolute and Huber loss</source>
        <translation>平方、绝对值与 Huber 损失</translation>
    </message>
    <message>
        <source>The lab&apos;s own data and training stay as they are.</source>
        <translation>实验室自己的数据和训练保持不变。</translation>
    </message>
    <message>
        <source>Compare the lines on a copy of the data recipe with normal noise, the chapter&apos;s assumption.</source>
        <translation>在按同一数据配方、带正态噪声（本章的假设）生成的副本上比较这几条直线。</translation>
    </message>
    <message>
        <source>Compare the lines on a copy of the data recipe with Laplace noise of the same σ: sharper peak, heavier tails.</source>
        <translation>在按同一数据配方、带相同 σ 的拉普拉斯噪声生成的副本上比较这几条直线：峰更尖，尾部更重。</translation>
    </message>
    <message>
        <source>Compare the lines on a copy of the data recipe with normal noise plus a few labels far off.</source>
        <translation>在按同一数据配方、带正态噪声外加少数远离的标签生成的副本上比较这几条直线。</translation>
    </message>
    <message>
        <source>Lab data</source>
        <translation>实验数据</translation>
    </message>
    <message>
        <source>The lab&apos;s data</source>
        <translation>实验室的数据</translation>
    </message>
    <message>
        <source>Compare the three lines on the data the lab trains on.</source>
        <translation>在实验室正在训练的数据上比较这三条直线。</translation>
    </message>
    <message>
        <source>{noise} noise</source>
        <translation>{noise}噪声</translation>
    </message>
    <message>
        <source>Train on this copy</source>
        <translation>用此副本训练</translation>
    </message>
    <message>
        <source>Train on the compared copy</source>
        <translation>用所比较的副本训练</translation>
    </message>
    <message>
        <source>Replace the lab&apos;s data with this copy and train on it; Edit ▸ Undo brings the previous data back.</source>
        <translation>用这个副本替换实验室的数据并在其上训练；“编辑 ▸ 撤销”可恢复原来的数据。</translation>
    </message>
    <message>
        <source>On the lab&apos;s data.</source>
        <translation>在实验室的数据上比较。</translation>
    </message>
    <message>
        <source>On a copy with {noise} noise; the lab&apos;s data are unchanged.</source>
        <translation>在带{noise}噪声的副本上比较；实验室的数据不变。</translation>
    </message>
    <message>
        <source>The copy: the lab&apos;s recipe with w = {w}, b = {b}, σ = {sigma}, n = {n}, seed {seed}, and {noise} noise.</source>
        <translation>副本：实验室的数据配方，w = {w}，b = {b}，σ = {sigma}，n = {n}，随机种子 {seed}，{noise}噪声。</translation>
    </message>
    <message>
        <source>Gaussian noise: −log p(ε) = ½log(2πσ²) + ε²/(2σ²), so the squared loss is the negative log-likelihood and the least-squares line (bold) is the maximum-likelihood one. The absolute-loss line is close but a little less precise.</source>
        <translation>高斯噪声：−log p(ε) = ½log(2πσ²) + ε²/(2σ²)，所以平方损失就是负对数似然，最小二乘直线（粗体）就是极大似然估计的直线。绝对值损失的直线与之接近，但稍欠精确。</translation>
    </message>
    <message>
        <source>Laplace noise: −log p(ε) = log(2s) + |ε|/s, so the absolute loss is the negative log-likelihood and the least-absolute-deviations line (bold), a median-type fit, is the maximum-likelihood one. Least squares still works but wastes information.</source>
        <translation>拉普拉斯噪声：−log p(ε) = log(2s) + |ε|/s，所以绝对值损失就是负对数似然，最小绝对偏差直线（粗体，一种中位数式的拟合）就是极大似然估计的直线。最小二乘仍然可用，但浪费了一部分信息。</translation>
    </message>
    <message>
        <source>Outliers: a few labels are far off. The squared loss grows with the square of a residual, so those few points pull the least-squares line towards them; the absolute loss grows only linearly, so its line (bold) stays with the bulk of the data: it is robust.</source>
        <translation>离群点：少数标签远远偏离。平方损失随残差的平方增长，因此这几个点会把最小二乘直线拉向自己；绝对值损失只随残差线性增长，因此它的直线（粗体）仍贴近大部分数据：它是稳健的。</translation>
    </message>
    <message>
        <source>The Huber loss is squared within ±δ and absolute beyond: nearly as precise as least squares on Gaussian noise, nearly as robust as the absolute loss.</source>
        <translation>Huber 损失在 ±δ 以内按平方计、超出部分按绝对值计：在高斯噪声下几乎和最小二乘一样精确，又几乎和绝对值损失一样稳健。</translation>
    </message>
    <message>
        <source>Unknown noise: these data were loaded or clicked in, so how they were made is unknown. If the residual histogram has heavy tails or far-off points, trust the absolute loss; if it looks like the normal curve, the squared loss.</source>
        <translation>未知噪声：这些数据是加载的或手工点选的，不知道它们是怎样产生的。如果残差直方图尾部很重或有远离的点，就信赖绝对值损失；如果它看起来像正态分布曲线，就信赖平方损失。</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>Loss curve</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <source>Minibatch loss per step, training and validation loss per epoch, and the smallest training loss any line can reach (the analytical minimum).</source>
        <translation>每步的小批量损失、每个迭代周期的训练损失和验证损失，以及任何直线所能达到的最小训练损失（解析解处的最小值）。</translation>
    </message>
    <message>
        <source>minibatch loss (per step)</source>
        <translation>小批量损失（每步）</translation>
    </message>
    <message>
        <source>training loss (per epoch)</source>
        <translation>训练损失（每个迭代周期）</translation>
    </message>
    <message>
        <source>validation loss (per epoch)</source>
        <translation>验证损失（每个迭代周期）</translation>
    </message>
    <message>
        <source>training loss now</source>
        <translation>当前训练损失</translation>
    </message>
    <message>
        <source>The smallest mean squared training loss any w, b can reach (least squares).</source>
        <translation>任意 w、b 所能达到的最小均方训练损失（最小二乘）。</translation>
    </message>
    <message>
        <source>analytical minimum</source>
        <translation>解析最小值</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>迭代周期</translation>
    </message>
    <message>
        <source>step (minibatch updates)</source>
        <translation>步（小批量更新次数）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Data and training</source>
        <translation>数据与训练</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Sessions and data (*{suffix} *.csv *.tsv *.txt);;All files (*)</source>
        <translation>会话和数据 (*{suffix} *.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{name}[*] — LinReg Lab: linear regression, hands on</source>
        <translation>{name}[*] — 线性回归实验室：动手学线性回归</translation>
    </message>
    <message>
        <source>Fix the highlighted generate field first.</source>
        <translation>请先修正标出的数据生成字段。</translation>
    </message>
    <message>
        <source>Lesson preset loaded. Your previous data are one Undo (Ctrl+Z) away.</source>
        <translation>已载入课程预设。按一次撤销 (Ctrl+Z) 即可恢复之前的数据。</translation>
    </message>
</context>
<context>
    <name>NeuronDiagram</name>
    <message>
        <source>Neuron diagram</source>
        <translation>神经网络图</translation>
    </message>
    <message>
        <source>Show the biological neuron</source>
        <translation>显示生物神经元</translation>
    </message>
    <message>
        <source>Biology</source>
        <translation>生物学</translation>
    </message>
    <message>
        <source>Show the biological neuron that inspired this diagram: dendrites, synapses, cell body and axon.</source>
        <translation>显示启发了这张图的生物神经元：树突、突触、细胞体和轴突。</translation>
    </message>
    <message>
        <source>Input layer</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>fully-connected (dense) layer</source>
        <translation>全连接层（稠密层）</translation>
    </message>
    <message>
        <source>1 layer (the input layer is not counted)</source>
        <translation>层数为 1（不计输入层）</translation>
    </message>
    <message>
        <source>feature dimensionality d = {}</source>
        <translation>特征维度 d = {}</translation>
    </message>
    <message>
        <source>dendrites ← inputs xᵢ</source>
        <translation>树突 ← 输入 xᵢ</translation>
    </message>
    <message>
        <source>synapses ← weights wᵢ</source>
        <translation>突触 ← 权重 wᵢ</translation>
    </message>
    <message>
        <source>cell body ← Σ + b</source>
        <translation>细胞体 ← Σ + b</translation>
    </message>
    <message>
        <source>axon → output ŷ</source>
        <translation>轴突 → 输出 ŷ</translation>
    </message>
    <message>
        <source>Planes were inspired by birds, yet ornithology has not driven aviation (Russell &amp; Norvig); likewise deep learning today draws more on mathematics, statistics and computer science than on neuroscience.</source>
        <translation>虽然飞机可能受到鸟类的启发，但鸟类学并不是航空创新的主要驱动力（罗素和诺维格）；同样地，如今深度学习的灵感更多地来自数学、统计学和计算机科学，而不是神经科学。</translation>
    </message>
    <message>
        <source>Linear regression as a single-layer neural network: ŷ = w·x + b with {}.</source>
        <translation>线性回归是一个单层神经网络：ŷ = w·x + b，其中 {}。</translation>
    </message>
    <message>
        <source>Biological neuron: {}.</source>
        <translation>生物神经元：{}。</translation>
    </message>
</context>
<context>
    <name>NoisePanel</name>
    <message>
        <source>Noise and likelihood</source>
        <translation>噪声与似然</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>new x</source>
        <translation>新的 x</translation>
    </message>
    <message>
        <source>New x for prediction</source>
        <translation>用于预测的新 x</translation>
    </message>
    <message>
        <source>Predicted ŷ</source>
        <translation>预测值 ŷ</translation>
    </message>
    <message>
        <source>ŷ = x·w + b for the SGD line, the analytical solution and the true line.</source>
        <translation>分别用 SGD 直线、解析解和真实直线计算 ŷ = x·w + b。</translation>
    </message>
    <message>
        <source>One value per feature, separated by commas (e.g. 1.5 or 1.5, -2).</source>
        <translation>每个特征一个值，用逗号分隔（例如 1.5 或 1.5, -2）。</translation>
    </message>
    <message>
        <source>SGD ŷ = {v}</source>
        <translation>SGD ŷ = {v}</translation>
    </message>
    <message>
        <source>analytical ŷ = {v}</source>
        <translation>解析解 ŷ = {v}</translation>
    </message>
    <message>
        <source>true ŷ = {v}</source>
        <translation>真实 ŷ = {v}</translation>
    </message>
</context>
<context>
    <name>ResidualsPart</name>
    <message>
        <source>Residuals of the SGD line</source>
        <translation>SGD 直线的残差</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>Histogram of the SGD residuals</source>
        <translation>SGD 残差直方图</translation>
    </message>
    <message>
        <source>How the training residuals of the current SGD line are spread, as a density, with the normal curve whose σ maximises their likelihood.</source>
        <translation>当前 SGD 直线在训练集上的残差分布（以密度表示），并叠加一条正态分布曲线，其 σ 使这些残差的似然最大。</translation>
    </message>
    <message>
        <source>residuals</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>N(0, fitted σ²)</source>
        <translation>N(0, 拟合的 σ²)</translation>
    </message>
    <message>
        <source>No training examples yet.</source>
        <translation>还没有训练样本。</translation>
    </message>
    <message>
        <source>SGD diverged: no finite residuals to show.</source>
        <translation>SGD 已发散：没有有限的残差可以显示。</translation>
    </message>
    <message>
        <source>fitted σ = {sigma} (maximum likelihood) · mean r = {mean}</source>
        <translation>拟合的 σ = {sigma}（极大似然估计）· 残差均值 r = {mean}</translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <source>Final losses per value</source>
        <translation>各取值的最终损失</translation>
    </message>
    <message>
        <source>Training and validation loss at the end of each run; the lowest validation loss is bold: that is the value tuning would pick.</source>
        <translation>每次训练结束时的训练损失和验证损失；最低的验证损失以粗体显示：调参会选中这个取值。</translation>
    </message>
    <message>
        <source>learning
rate η</source>
        <translation>学习率
η</translation>
    </message>
    <message>
        <source>batch
size</source>
        <translation>批量
大小</translation>
    </message>
    <message>
        <source>training
loss</source>
        <translation>训练
损失</translation>
    </message>
    <message>
        <source>validation
loss</source>
        <translation>验证
损失</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The lab cannot use these data: %1</source>
        <translation>本实验室无法使用这些数据：%1</translation>
    </message>
    <message>
        <source>Add point</source>
        <translation>添加点</translation>
    </message>
    <message>
        <source>Move point</source>
        <translation>移动点</translation>
    </message>
    <message>
        <source>Delete point(s)</source>
        <translation>删除点</translation>
    </message>
    <message>
        <source>There is no point %1 any more: the data have %2 points.</source>
        <translation>已经没有第 %1 个点了：数据只有 %2 个点。</translation>
    </message>
    <message>
        <source>Clear data</source>
        <translation>清空数据</translation>
    </message>
    <message>
        <source>Generate data</source>
        <translation>生成数据</translation>
    </message>
    <message>
        <source>Change validation share</source>
        <translation>更改验证数据集比例</translation>
    </message>
    <message>
        <source>the numbers are too large for the least-squares solution to be exact.</source>
        <translation>数值太大，最小二乘解无法精确求出。</translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to {name}?</source>
        <translation>保存对 {name} 的更改吗？</translation>
    </message>
    <message>
        <source>Your data and training run are lost if you don&apos;t save.</source>
        <translation>如果不保存，你的数据和训练过程都会丢失。</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Could not recover the session</source>
        <translation>无法恢复会话</translation>
    </message>
    <message>
        <source>LinReg Lab sessions (*{suffix})</source>
        <translation>线性回归实验室会话 (*{suffix})</translation>
    </message>
    <message>
        <source>Autosave could not write the recovery file {path}.</source>
        <translation>自动保存无法写入恢复文件 {path}。</translation>
    </message>
    <message>
        <source>Your work could not be saved for recovery</source>
        <translation>无法为恢复保存你的工作</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>epoch {done}/{target}</source>
        <translation>迭代周期 {done}/{target}</translation>
    </message>
    <message>
        <source>epoch {done}</source>
        <translation>迭代周期 {done}</translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation>第 {n} 步</translation>
    </message>
    <message>
        <source>loss {value}</source>
        <translation>损失 {value}</translation>
    </message>
    <message>
        <source>{rate} steps/s</source>
        <translation>{rate} 步/秒</translation>
    </message>
</context>
<context>
    <name>SweepPanel</name>
    <message>
        <source>Enter one or more values separated by commas, e.g. {example}.</source>
        <translation>请输入一个或多个取值，用英文逗号分隔，例如 {example}。</translation>
    </message>
    <message>
        <source>At most {count} values at once.</source>
        <translation>一次最多 {count} 个取值。</translation>
    </message>
    <message>
        <source>{value} appears twice.</source>
        <translation>{value} 出现了两次。</translation>
    </message>
    <message>
        <source>A learning rate must be positive; “{value}” is not.</source>
        <translation>学习率必须为正数；“{value}”不是。</translation>
    </message>
    <message>
        <source>A batch size is a whole number from 1 to {most}; “{value}” is not.</source>
        <translation>批量大小必须是 1 到 {most} 之间的整数；“{value}”不是。</translation>
    </message>
    <message>
        <source>η = {value}</source>
        <translation>η = {value}</translation>
    </message>
    <message>
        <source>batch = {value}</source>
        <translation>批量 = {value}</translation>
    </message>
    <message>
        <source>Hyperparameters and generalisation</source>
        <translation>超参数与泛化</translation>
    </message>
    <message>
        <source>There are no training examples to train on.</source>
        <translation>没有可用来训练的训练样本。</translation>
    </message>
    <message>
        <source>Training {count} models…</source>
        <translation>正在训练 {count} 个模型…</translation>
    </message>
    <message>
        <source>Fitting fresh datasets…</source>
        <translation>正在拟合新的数据集…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Sweep cancelled.</source>
        <translation>扫描已取消。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The data changed since this sweep: run it again to compare on the new data.</source>
        <translation>这次扫描之后数据已经改变：请重新运行，以便在新数据上比较。</translation>
    </message>
</context>
<context>
    <name>TeachingTabs</name>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>Noise &amp;&amp; likelihood</source>
        <translation>噪声与似然</translation>
    </message>
    <message>
        <source>Vectorization</source>
        <translation>矢量化</translation>
    </message>
    <message>
        <source>Hyperparameters and generalization</source>
        <translation>超参数与泛化</translation>
    </message>
</context>
<context>
    <name>TimingBars</name>
    <message>
        <source>time (log scale)</source>
        <translation>时间（对数刻度）</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>d2l: w ~ N(0, 0.01²), b = 0</source>
        <translation>d2l：w ~ N(0, 0.01²)，b = 0</translation>
    </message>
    <message>
        <source>zeros</source>
        <translation>全零</translation>
    </message>
    <message>
        <source>chosen point</source>
        <translation>指定点</translation>
    </message>
    <message>
        <source>squared ½(ŷ − y)²</source>
        <translation>平方损失 ½(ŷ − y)²</translation>
    </message>
    <message>
        <source>absolute |ŷ − y|</source>
        <translation>绝对值损失 |ŷ − y|</translation>
    </message>
    <message>
        <source>Huber</source>
        <translation>Huber 损失</translation>
    </message>
    <message>
        <source>shuffle each epoch</source>
        <translation>每个迭代周期打乱顺序</translation>
    </message>
    <message>
        <source>standardise features (shown in data units)</source>
        <translation>标准化特征（按数据原单位显示）</translation>
    </message>
    <message>
        <source>start</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>start w</source>
        <translation>初始 w</translation>
    </message>
    <message>
        <source>start b</source>
        <translation>初始 b</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Huber δ</source>
        <translation>Huber δ</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Where SGD starts at the next Reset: d2l&apos;s small random weights, all zeros, or the point below (click the loss landscape to choose one).</source>
        <translation>下次重置时 SGD 的起点：d2l 的小随机权重、全零，或下面指定的点（单击损失曲面即可选择）。</translation>
    </message>
    <message>
        <source>Start weights w</source>
        <translation>初始权重 w</translation>
    </message>
    <message>
        <source>The starting weights, one per feature, separated by commas.</source>
        <translation>初始权重，每个特征一个，用英文逗号分隔。</translation>
    </message>
    <message>
        <source>Start bias b</source>
        <translation>初始偏置 b</translation>
    </message>
    <message>
        <source>The starting bias b.</source>
        <translation>初始偏置 b。</translation>
    </message>
    <message>
        <source>Loss function</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>The loss SGD minimises: squared as in d2l, absolute, or Huber (squared near zero, absolute beyond δ).</source>
        <translation>SGD 最小化的损失：与 d2l 相同的平方损失、绝对值损失，或 Huber 损失（在零附近为平方损失，超过 δ 后为绝对值损失）。</translation>
    </message>
    <message>
        <source>Huber delta</source>
        <translation>Huber δ</translation>
    </message>
    <message>
        <source>Where the Huber loss turns from squared to absolute.</source>
        <translation>Huber 损失从平方损失变为绝对值损失的分界点。</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>打乱顺序</translation>
    </message>
    <message>
        <source>Visit the examples in a new random order every epoch, as d2l&apos;s data_iter does.</source>
        <translation>每个迭代周期都以新的随机顺序遍历样本，与 d2l 的 data_iter 一样。</translation>
    </message>
    <message>
        <source>Standardise features</source>
        <translation>标准化特征</translation>
    </message>
    <message>
        <source>Train on x scaled to mean 0 and standard deviation 1, so one learning rate suits every feature; w and b are still reported in the data&apos;s own units.</source>
        <translation>在缩放到均值为 0、标准差为 1 的 x 上训练，使同一个学习率适用于所有特征；w 和 b 仍按数据原来的单位显示。</translation>
    </message>
    <message>
        <source>Training seed</source>
        <translation>训练随机种子</translation>
    </message>
    <message>
        <source>The random seed of initialisation and shuffling, used at the next Reset.</source>
        <translation>初始化和打乱顺序所用的随机种子，在下次重置时生效。</translation>
    </message>
    <message>
        <source>Training settings</source>
        <translation>训练设置</translation>
    </message>
</context>
<context>
    <name>TuningPart</name>
    <message>
        <source>Tuning on the validation set</source>
        <translation>在验证数据集上调参</translation>
    </message>
    <message>
        <source>learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>迭代周期数</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>运行扫描</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The values to try, separated by commas; each is trained from the same start with the same seed, and the other hyperparameters as set now.</source>
        <translation>要尝试的取值，用英文逗号分隔；每个取值都从同一起点、用同一随机种子训练，其他超参数保持当前设置。</translation>
    </message>
    <message>
        <source>Hyperparameter to sweep</source>
        <translation>要扫描的超参数</translation>
    </message>
    <message>
        <source>Which hyperparameter to vary; all others stay as set in the toolbar.</source>
        <translation>要改变的超参数；其他超参数都保持工具栏中的设置。</translation>
    </message>
    <message>
        <source>Values to try</source>
        <translation>要尝试的取值</translation>
    </message>
    <message>
        <source>Epochs per run</source>
        <translation>每次训练的迭代周期数</translation>
    </message>
    <message>
        <source>How many passes over the training set each run makes.</source>
        <translation>每次训练遍历训练集的迭代周期数。</translation>
    </message>
    <message>
        <source>Train one model per value on the current training set and compare their validation losses.</source>
        <translation>对每个取值在当前训练集上训练一个模型，并比较它们的验证损失。</translation>
    </message>
    <message>
        <source>Stop the computation now.</source>
        <translation>立即停止计算。</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>How much of the job is done.</source>
        <translation>任务已完成多少。</translation>
    </message>
    <message>
        <source>Sweep result</source>
        <translation>扫描结果</translation>
    </message>
    <message>
        <source>What the sweep found, or what is wrong with the values.</source>
        <translation>扫描得到的结论，或取值中存在的问题。</translation>
    </message>
    <message>
        <source>Lowest validation loss: {label}.</source>
        <translation>验证损失最低：{label}。</translation>
    </message>
    <message>
        <source>Lowest training loss: {label}. Without a validation set this says nothing about new data.</source>
        <translation>训练损失最低：{label}。没有验证数据集，这并不能说明模型在新数据上的表现。</translation>
    </message>
    <message>
        <source>{count} run(s) diverged: η above about {limit} overshoots.</source>
        <translation>有 {count} 次训练发散：η 大于约 {limit} 时步子迈得太大，越过了最小值。</translation>
    </message>
    <message>
        <source>{count} run(s) diverged: smaller batches take noisier steps; try a smaller η.</source>
        <translation>有 {count} 次训练发散：批量越小，每一步的噪声越大；请尝试更小的 η。</translation>
    </message>
    <message>
        <source>Per epoch, batch {small} makes {a} updates and batch {large} only {b}.</source>
        <translation>每个迭代周期中，批量大小为 {small} 时更新 {a} 次，而批量大小为 {large} 时只更新 {b} 次。</translation>
    </message>
</context>
<context>
    <name>TuningPlot</name>
    <message>
        <source>Loss per epoch of each swept value</source>
        <translation>各取值每个迭代周期的损失</translation>
    </message>
    <message>
        <source>One curve per value, all from the same start: the loss after each epoch.</source>
        <translation>每个取值一条曲线，都从同一起点出发：每个迭代周期结束后的损失。</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>迭代周期</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>{label} (diverged)</source>
        <translation>{label}（发散）</translation>
    </message>
</context>
<context>
    <name>UserGuideWindow</name>
    <message>
        <source>LinReg Lab user guide</source>
        <extracomment>Anchors of the guide&apos;s sections, in order; every language&apos;s file has all of them.</extracomment>
        <translation>线性回归实验室用户指南</translation>
    </message>
    <message>
        <source>User guide text</source>
        <translation>用户指南正文</translation>
    </message>
    <message>
        <source>Close the user guide (Esc)</source>
        <translation>关闭用户指南 (Esc)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Go back to the list of sections at the top</source>
        <translation>回到顶部的章节列表</translation>
    </message>
</context>
<context>
    <name>VectorizationPanel</name>
    <message>
        <source>d2l 3.1.2: “Vectorised code is usually orders of magnitude faster.” Training works on a whole minibatch at once, so we hand the arithmetic to a linear-algebra library instead of writing costly for-loops in Python. Time both and see.</source>
        <translation>d2l 3.1.2：“矢量化代码通常会带来数量级的加速。”训练时我们同时处理整个小批量的样本，因此把计算交给线性代数库，而不是在 Python 中编写开销高昂的 for 循环。分别计时比较一下吧。</translation>
    </message>
    <message>
        <source>Add two vectors of length n</source>
        <translation>两个长度为 n 的向量相加</translation>
    </message>
    <message>
        <source>Time it</source>
        <translation>计时</translation>
    </message>
    <message>
        <source>for-loop c[i] = a[i] + b[i]</source>
        <translation>for 循环 c[i] = a[i] + b[i]</translation>
    </message>
    <message>
        <source>vectorised c = a + b</source>
        <translation>矢量化 c = a + b</translation>
    </message>
    <message>
        <source>Vector addition timings</source>
        <translation>向量加法计时</translation>
    </message>
    <message>
        <source>One SGD epoch on the current data</source>
        <translation>当前数据上的一个 SGD 迭代周期</translation>
    </message>
    <message>
        <source>per-example Python loop</source>
        <translation>逐样本 Python 循环</translation>
    </message>
    <message>
        <source>vectorised minibatch step</source>
        <translation>矢量化小批量更新</translation>
    </message>
    <message>
        <source>SGD epoch timings</source>
        <translation>一个 SGD 迭代周期的计时</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Press “Time it”.</source>
        <translation>请按“计时”。</translation>
    </message>
    <message>
        <source>Vector length n</source>
        <translation>向量长度 n</translation>
    </message>
    <message>
        <source>How many numbers each vector holds (up to 10,000,000); the loop takes about a quarter of a microsecond per number.</source>
        <translation>每个向量包含多少个数（最多 10,000,000 个）；循环处理每个数大约需要四分之一微秒。</translation>
    </message>
    <message>
        <source>Time vector addition</source>
        <translation>向量加法计时</translation>
    </message>
    <message>
        <source>Add two vectors of length n with a Python for-loop and with one NumPy addition, and compare the times.</source>
        <translation>分别用 Python for 循环和一次 NumPy 加法把两个长度为 n 的向量相加，并比较用时。</translation>
    </message>
    <message>
        <source>Time one SGD epoch</source>
        <translation>为一个 SGD 迭代周期计时</translation>
    </message>
    <message>
        <source>Run one epoch of minibatch SGD on the training data twice: one example at a time in Python, and one vectorised step per minibatch.</source>
        <translation>在训练数据上把一个迭代周期的小批量 SGD 运行两次：一次在 Python 中逐个样本计算，一次对每个小批量做一步矢量化计算。</translation>
    </message>
    <message>
        <source>Timing progress</source>
        <translation>计时进度</translation>
    </message>
    <message>
        <source>How far the running timing has got.</source>
        <translation>正在进行的计时已完成多少。</translation>
    </message>
    <message>
        <source>Cancel timing</source>
        <translation>取消计时</translation>
    </message>
    <message>
        <source>Stop the running timing; the window stays usable meanwhile.</source>
        <translation>停止正在进行的计时；计时期间窗口仍可正常使用。</translation>
    </message>
    <message>
        <source>Vectorisation for speed</source>
        <translation>矢量化加速</translation>
    </message>
    <message>
        <source>Adding {n} numbers in a Python loop…</source>
        <translation>正在用 Python 循环相加 {n} 个数…</translation>
    </message>
    <message>
        <source>Timing SGD epochs both ways (best of several)…</source>
        <translation>正在用两种方式为一个 SGD 迭代周期计时（取多次中的最快值）…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Too little work per call for NumPy to pay off: try more data or a larger batch.</source>
        <translation>每次调用的计算量太少，NumPy 的优势体现不出来：请尝试更多数据或更大的批量。</translation>
    </message>
    <message>
        <source>Loop {loop} · vectorised {vector}</source>
        <translation>循环 {loop} · 矢量化 {vector}</translation>
    </message>
    <message>
        <source>timed on {data}</source>
        <translation>计时所用数据：{data}</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Timing cancelled.</source>
        <translation>计时已取消。</translation>
    </message>
    <message>
        <source>The timing failed: {message}</source>
        <translation>计时失败：{message}</translation>
    </message>
    <message>
        <source>× {ratio} faster</source>
        <translation>快 {ratio} 倍</translation>
    </message>
    <message>
        <source>× {ratio} slower</source>
        <translation>慢 {ratio} 倍</translation>
    </message>
    <message>
        <source>{n} training examples, d = {d}, batch {batch}, η {lr}</source>
        <translation>{n} 个训练样本，d = {d}，批量 {batch}，η {lr}</translation>
    </message>
    <message>
        <source>No training data: add or generate some.</source>
        <translation>没有训练数据：请添加或生成一些数据。</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>squared loss ½·MSE</source>
        <translation>平方损失 ½·MSE</translation>
    </message>
    <message>
        <source>mean squared error (MSE)</source>
        <translation>均方误差（MSE）</translation>
    </message>
    <message>
        <source>The mean over the examples of ½(ŷ − y)², d2l&apos;s squared loss: half the mean squared error. Least squares minimises it.</source>
        <translation>各样本 ½(ŷ − y)² 的平均值，即 d2l 的平方损失：均方误差的一半。最小二乘法最小化的就是它。</translation>
    </message>
    <message>
        <source>The mean over the examples of (ŷ − y)²: twice ½·MSE.</source>
        <translation>各样本 (ŷ − y)² 的平均值：½·MSE 的两倍。</translation>
    </message>
    <message>
        <source>The mean over the examples of |ŷ − y|.</source>
        <translation>各样本 |ŷ − y| 的平均值。</translation>
    </message>
    <message>
        <source>The mean over the examples of the Huber loss: ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond, with r = ŷ − y.</source>
        <translation>各样本 Huber 损失的平均值：|r| ≤ δ 时为 ½r²，超出时为 δ(|r| − ½δ)，其中 r = ŷ − y。</translation>
    </message>
    <message>
        <source>squared loss</source>
        <translation>平方损失</translation>
    </message>
    <message>
        <source>absolute loss</source>
        <translation>绝对值损失</translation>
    </message>
    <message>
        <source>Huber loss</source>
        <translation>Huber 损失</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>Laplace</source>
        <translation>拉普拉斯</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>离群点</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>WriteErrors</name>
    <message>
        <source>not enough memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>Could not write {name}: {reason}. Nothing on disk was changed.</source>
        <translation>无法写入 {name}：{reason}。磁盘上的文件没有任何改动。</translation>
    </message>
</context>
<context>
    <name>parse_weights</name>
    <message>
        <source>Enter a number.</source>
        <translation>请输入一个数。</translation>
    </message>
    <message>
        <source>“%1” is not a number.</source>
        <translation>“%1”不是一个数。</translation>
    </message>
    <message>
        <source>“%1” is not a finite number.</source>
        <translation>“%1”不是一个有限的数。</translation>
    </message>
    <message>
        <source>Enter one weight per feature, e.g. 2 or 2, -3.4.</source>
        <translation>每个特征输入一个权重，例如 2 或 2, -3.4。</translation>
    </message>
    <message>
        <source>A weight is missing between two commas.</source>
        <translation>两个逗号之间缺少一个权重。</translation>
    </message>
    <message>
        <source>At most %1 features, one weight each.</source>
        <translation>最多 %1 个特征，每个特征一个权重。</translation>
    </message>
</context>
</TS>
