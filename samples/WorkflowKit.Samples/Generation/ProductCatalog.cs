using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>
/// The 40 sample products: 24 IVD reagents and 16 vaccines with realistic specifications,
/// storage conditions and price levels. Manufacturer names are invented.
/// </summary>
internal static class ProductCatalog
{
    private const string Reagent = "ivdReagent";
    private const string Vaccine = "vaccine";
    private const string Cold = "cold";
    private const string Frozen = "frozen";
    private const string Ambient = "ambient";
    private const decimal ReagentCostShare = 0.55m;
    private const decimal VaccineCostShare = 0.72m;

    private const CustomerUse H = CustomerUse.Hospital;
    private const CustomerUse C = CustomerUse.Cdc;
    private const CustomerUse M = CustomerUse.Community;
    private const CustomerUse K = CustomerUse.Clinic;

    private static readonly string[] ReagentMakers = ["瑞衡诊断", "华诺生物", "博衡医疗", "恒泰诊断"];
    private static readonly string[] VaccineMakers = ["安济生物", "天元疫苗", "远衡生物"];

    public static IReadOnlyList<SampleProduct> Products { get; } = Build();

    private static List<SampleProduct> Build() =>
    [
        Ivd(1, "新型冠状病毒2019-nCoV核酸检测试剂盒（荧光PCR法）", "48人份/盒", Frozen, 1680m, 21, 12, Season.Respiratory, -0.35m, 6, H | C),
        Ivd(2, "甲型/乙型流感病毒抗原检测试剂盒（胶体金法）", "20人份/盒", Ambient, 360m, 14, 18, Season.Respiratory, 0.08m, 20, H | M | K),
        Ivd(3, "甲型/乙型流感病毒核酸检测试剂盒（荧光PCR法）", "48人份/盒", Frozen, 1980m, 21, 12, Season.Respiratory, 0.05m, 5, H | C),
        Ivd(4, "呼吸道合胞病毒抗原检测试剂盒（胶体金法）", "20人份/盒", Ambient, 320m, 14, 18, Season.Respiratory, 0.10m, 12, H | K),
        Ivd(5, "肺炎支原体IgM抗体检测试剂盒（胶体金法）", "20人份/盒", Ambient, 280m, 14, 18, Season.Respiratory, 0.12m, 15, H | M | K),
        Ivd(6, "C反应蛋白测定试剂盒（免疫比浊法）", "2×60mL", Cold, 420m, 14, 12, Season.Flat, 0.04m, 18, H | M | K),
        Ivd(7, "降钙素原测定试剂盒（化学发光法）", "50人份/盒", Cold, 1250m, 21, 12, Season.Flat, 0.06m, 8, H),
        Ivd(8, "心肌肌钙蛋白I测定试剂盒（化学发光法）", "100人份/盒", Cold, 1560m, 21, 12, Season.Flat, 0.05m, 7, H),
        Ivd(9, "N端脑钠肽前体测定试剂盒（化学发光法）", "100人份/盒", Cold, 1720m, 21, 12, Season.Flat, 0.05m, 5, H),
        Ivd(10, "D-二聚体测定试剂盒（免疫比浊法）", "2×30mL", Cold, 680m, 14, 12, Season.Flat, 0.04m, 9, H),
        Ivd(11, "糖化血红蛋白测定试剂盒（酶法）", "100人份/盒", Cold, 560m, 14, 12, Season.Flat, 0.07m, 10, H | M),
        Ivd(12, "葡萄糖测定试剂盒（葡萄糖氧化酶法）", "4×60mL", Cold, 180m, 14, 18, Season.Flat, 0.02m, 25, H | M | K),
        Ivd(13, "总胆固醇测定试剂盒（CHOD-PAP法）", "4×60mL", Cold, 190m, 14, 18, Season.Flat, 0.02m, 18, H | M),
        Ivd(14, "甘油三酯测定试剂盒（GPO-PAP法）", "4×60mL", Cold, 200m, 14, 18, Season.Flat, 0.02m, 18, H | M),
        Ivd(15, "肌酐测定试剂盒（酶法）", "4×60mL", Cold, 260m, 14, 18, Season.Flat, 0.03m, 16, H),
        Ivd(16, "尿素测定试剂盒（脲酶-GLDH法）", "4×60mL", Cold, 150m, 14, 18, Season.Flat, 0.01m, 16, H),
        Ivd(17, "丙氨酸氨基转移酶测定试剂盒（IFCC法）", "4×60mL", Cold, 170m, 14, 18, Season.Flat, 0.02m, 20, H | M),
        Ivd(18, "乙型肝炎病毒表面抗原测定试剂盒（化学发光法）", "100人份/盒", Cold, 980m, 21, 12, Season.Flat, 0.03m, 10, H | C),
        Ivd(19, "丙型肝炎病毒抗体检测试剂盒（酶联免疫法）", "96人份/盒", Cold, 760m, 21, 12, Season.Flat, 0.02m, 6, H | C),
        Ivd(20, "人类免疫缺陷病毒抗体检测试剂盒（胶体金法）", "20人份/盒", Ambient, 240m, 14, 18, Season.Flat, 0.04m, 8, H | C | K),
        Ivd(21, "梅毒螺旋体抗体检测试剂盒（胶体金法）", "20人份/盒", Ambient, 160m, 14, 18, Season.Flat, 0.03m, 10, H | K),
        Ivd(22, "促甲状腺激素测定试剂盒（化学发光法）", "100人份/盒", Cold, 1380m, 21, 12, Season.Flat, 0.08m, 6, H),
        Ivd(23, "甲胎蛋白测定试剂盒（化学发光法）", "100人份/盒", Cold, 1290m, 21, 12, Season.Flat, 0.05m, 6, H),
        Ivd(24, "人乳头瘤病毒核酸分型检测试剂盒（PCR-荧光探针法）", "24人份/盒", Frozen, 2860m, 30, 12, Season.Flat, 0.15m, 3, H | C),
        Vac(1, "四价流感病毒裂解疫苗", "0.5mL/支", 128m, 45, 12, Season.FluVaccine, 0.10m, 120, H | C | M | K),
        Vac(2, "三价流感病毒裂解疫苗", "0.5mL/支", 68m, 45, 12, Season.FluVaccine, -0.10m, 80, C | M),
        Vac(3, "23价肺炎球菌多糖疫苗", "0.5mL/支", 220m, 45, 24, Season.Pneumococcal, 0.06m, 25, C | M),
        Vac(4, "13价肺炎球菌多糖结合疫苗", "0.5mL/支", 698m, 60, 36, Season.Pneumococcal, 0.12m, 15, C),
        Vac(5, "乙型肝炎疫苗（重组酵母）", "10μg/0.5mL/支", 45m, 30, 36, Season.Flat, 0.00m, 60, H | C | M),
        Vac(6, "甲型肝炎灭活疫苗", "0.5mL/支", 150m, 30, 36, Season.Flat, 0.02m, 20, C | M),
        Vac(7, "人用狂犬病疫苗（Vero细胞）", "0.5mL/支", 285m, 30, 36, Season.Summer, 0.04m, 40, H | M | K),
        Vac(8, "水痘减毒活疫苗", "0.5mL/支", 165m, 45, 24, Season.Flat, 0.03m, 25, C | M),
        Vac(9, "麻腮风联合减毒活疫苗", "0.5mL/支", 58m, 45, 18, Season.Flat, 0.00m, 40, C),
        Vac(10, "重组带状疱疹疫苗（CHO细胞）", "0.5mL/支", 1598m, 60, 36, Season.Flat, 0.25m, 6, C | M),
        Vac(11, "双价人乳头瘤病毒疫苗（大肠杆菌）", "0.5mL/支", 329m, 45, 36, Season.Flat, 0.20m, 20, C | M),
        Vac(12, "九价人乳头瘤病毒疫苗", "0.5mL/支", 1318m, 60, 36, Season.Flat, 0.30m, 15, C),
        Vac(13, "b型流感嗜血杆菌结合疫苗", "0.5mL/支", 95m, 45, 24, Season.Flat, 0.00m, 20, C),
        Vac(14, "口服五价轮状病毒减毒活疫苗", "2mL/支", 210m, 60, 24, Season.Autumn, 0.05m, 15, C),
        Vac(15, "肠道病毒71型灭活疫苗（Vero细胞）", "0.5mL/支", 198m, 45, 24, Season.Spring, 0.03m, 20, C | M),
        Vac(16, "吸附破伤风疫苗", "0.5mL/支", 35m, 30, 36, Season.Summer, 0.02m, 30, H | M | K),
    ];

    private static SampleProduct Ivd(
        int number, string name, string specification, string storage, decimal price, int leadTimeDays,
        int shelfLifeMonths, Season season, decimal growth, int baseUnits, CustomerUse use) =>
        new($"IVD-{number:D4}", name, specification, Reagent, storage, "盒", price, Cost(price, ReagentCostShare),
            leadTimeDays, shelfLifeMonths, ReagentMakers[number % ReagentMakers.Length], season, growth, baseUnits,
            use);

    private static SampleProduct Vac(
        int number, string name, string specification, decimal price, int leadTimeDays, int shelfLifeMonths,
        Season season, decimal growth, int baseUnits, CustomerUse use) =>
        new($"VAC-{number:D4}", name, specification, Vaccine, Cold, "支", price, Cost(price, VaccineCostShare),
            leadTimeDays, shelfLifeMonths, VaccineMakers[number % VaccineMakers.Length], season, growth, baseUnits,
            use);

    private static decimal Cost(decimal price, decimal share) =>
        Math.Round(price * share, 2, MidpointRounding.AwayFromZero);
}
