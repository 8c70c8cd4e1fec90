using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Stations;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>Real reference data for the demo: Harbin's districts and counties (GB/T 2260 codes, DESIGN §6).</summary>
internal static class HarbinData
{
    public const string ProvinceCode = "230000";
    public const string ProvinceName = "黑龙江省";
    public const string CityCode = "230100";
    public const string CityName = "哈尔滨市";

    /// <summary>Code, name, abbreviation, number of streets/townships, whether it is an urban district (streets rather than towns).</summary>
    public static readonly (string Code, string Name, string Abbreviation, int Streets, bool Urban)[] Districts =
    [
        ("230102", "道里区", "DL", 25, true),
        ("230103", "南岗区", "NG", 23, true),
        ("230104", "道外区", "DW", 26, true),
        ("230108", "平房区", "PF", 8, true),
        ("230109", "松北区", "SB", 12, true),
        ("230110", "香坊区", "XF", 27, true),
        ("230111", "呼兰区", "HL", 26, false),
        ("230112", "阿城区", "AC", 21, false),
        ("230113", "双城区", "SC", 26, false),
        ("230123", "依兰县", "YL", 11, false),
        ("230124", "方正县", "FZ", 10, false),
        ("230125", "宾县", "BX", 19, false),
        ("230126", "巴彦县", "BY", 20, false),
        ("230127", "木兰县", "ML", 10, false),
        ("230128", "通河县", "TH", 10, false),
        ("230129", "延寿县", "YS", 11, false),
        ("230183", "尚志市", "SZ", 20, false),
        ("230184", "五常市", "WC", 27, false),
    ];

    /// <summary>Stations named in the reports (DESIGN §6): district code, street name, host type, deputies to station (0 = normal).</summary>
    public static readonly (string DistrictCode, string Street, HostType Host, int Deputies)[] NamedStations =
    [
        ("230103", "荣市街道", HostType.PartyServiceCenter, 0),
        ("230104", "南马路街道", HostType.PartyServiceCenter, 10),
        ("230108", "联盟街道", HostType.Community, 0),
        ("230184", "八家子乡", HostType.FamilyFarm, 0),
        ("230125", "宾西镇", HostType.DevelopmentZone, 0),
        ("230124", "松南乡", HostType.Enterprise, 0),
    ];

    /// <summary>Points named in the reports: district, street the community sits in, community name, deputies.</summary>
    public static readonly (string DistrictCode, string Street, string Community, int Deputies)[] NamedPoints =
    [
        ("230102", "抚顺街道", "抚顺社区", 0),
        ("230103", "荣市街道", "水滩社区", 7),
        ("230103", "荣市街道", "东窑房社区", 0),
    ];

    public static readonly string[] StreetWords =
    [
        "新华", "和平", "建设", "民主", "光明", "胜利", "友谊", "红旗", "先锋", "东风", "前进", "团结", "幸福", "长江",
        "黄河", "松花", "太平", "安静", "兴华", "顺迈", "通达", "曙光", "文化", "繁荣", "永和", "新春", "康安", "保国",
        "王岗", "会展", "花园", "大成", "荣华", "工农", "临江", "松浦", "万宝", "利民", "红星", "群力", "朝阳", "长岭",
        "兴隆", "双桥", "五星", "金河", "民乐", "永胜", "富强", "靖宇", "景阳", "宏伟", "青年", "振兴", "天恒", "东莱",
        "滨江", "南直", "黎明", "成高", "新阳", "尚志", "哈西", "征仪", "跃进", "通江", "崇俭", "大有", "新发", "安丰",
        "双井", "万隆", "永源", "红光", "富裕", "新农", "向阳", "平安", "德胜", "和谐", "吉祥", "丰收", "长安", "龙泉",
    ];

    public static readonly string[] CommunityWords =
    [
        "春华", "秋实", "桂花", "翠竹", "松涛", "柳岸", "荷塘", "枫林", "梅园", "兰亭", "银杏", "碧水", "青山", "绿洲",
        "金桥", "玉泉", "瑞雪", "晨光", "朝霞", "星光", "明珠", "锦绣", "和顺", "安居", "乐业", "福海", "康乐", "长青",
    ];

    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
        "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾",
        "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪",
        "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛",
        "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武",
        "乔", "贺", "赖", "龚", "文", "欧阳", "司马",
    ];

    public static readonly string[] GivenChars =
    [
        "伟", "芳", "娜", "秀", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞",
        "平", "刚", "桂", "英", "华", "玉", "萍", "红", "建", "国", "文", "辉", "力", "鹏", "宇", "浩", "凯", "波", "斌",
        "宁", "海", "峰", "林", "晨", "雪", "梅", "琳", "丹", "春", "志", "新", "德", "成", "永", "庆", "东", "兰", "凤",
        "云", "亮", "君", "俊", "晓", "光", "金", "松", "立", "佳", "欣", "慧", "琪", "博", "思", "阳", "振", "彬", "瑞",
    ];

    public static readonly string[] Sectors =
        ["机关", "企业", "农民", "工人", "专业技术人员", "教育", "医疗卫生", "社区工作者", "个体工商户", "村（社区）干部", "科研", "文化"];

    public static readonly (string Code, string Name)[] CityDepartments =
    [
        ("FGW", "市发展和改革委员会"), ("JYJ", "市教育局"), ("GAJ", "市公安局"), ("MZJ", "市民政局"), ("SFJ", "市司法局"),
        ("CZJ", "市财政局"), ("RSJ", "市人力资源和社会保障局"), ("ZRZY", "市自然资源和规划局"), ("STHJ", "市生态环境局"),
        ("ZJJ", "市住房和城乡建设局"), ("JTJ", "市交通运输局"), ("SWJ", "市水务局"), ("NYNC", "市农业农村局"),
        ("SWJG", "市商务局"), ("WLJ", "市文化广电和旅游局"), ("WJW", "市卫生健康委员会"), ("YJJ", "市应急管理局"),
        ("SCJG", "市市场监督管理局"), ("CGJ", "市城市管理局"), ("GRB", "市供热办公室"), ("YBJ", "市医疗保障局"),
        ("TYJ", "市体育局"), ("WYJ", "市物业管理服务中心"), ("XFJ", "市信访局"),
    ];

    public static readonly string[] DistrictDepartmentNames = ["城市管理局", "住房和城乡建设局", "民政局"];

    public static readonly string[] Categories =
    [
        "城市建设", "环境保护", "交通出行", "供暖供水", "物业管理", "社会保障", "教育", "医疗卫生", "劳动就业", "农业农村",
        "社会治安", "市场监管", "文化体育", "养老服务", "其他",
    ];

    /// <summary>The categories' names in the English interface (migration 0011 gives existing databases the same).</summary>
    public static readonly Dictionary<string, string> CategoryEnglishNames = new()
    {
        ["城市建设"] = "Urban development", ["环境保护"] = "Environment", ["交通出行"] = "Transport", ["供暖供水"] = "Heating and water",
        ["物业管理"] = "Property management", ["社会保障"] = "Social security", ["教育"] = "Education", ["医疗卫生"] = "Health care",
        ["劳动就业"] = "Employment", ["农业农村"] = "Agriculture and villages", ["社会治安"] = "Public safety", ["市场监管"] = "Market regulation",
        ["文化体育"] = "Culture and sport", ["养老服务"] = "Elderly care", ["其他"] = "Other",
    };

    /// <summary>Request summaries by category (citizens' words as a clerk writes them down).</summary>
    public static readonly Dictionary<string, string[]> Summaries = new()
    {
        ["城市建设"] = ["小区门前道路坑洼严重，雨天积水，希望尽快修补", "老旧小区改造进度慢，楼道照明长期损坏", "人行道被占用施工，未设置安全围挡"],
        ["环境保护"] = ["附近餐馆油烟直排，影响居民正常生活", "河道有垃圾漂浮，夏季有异味", "工地夜间施工噪音扰民"],
        ["交通出行"] = ["公交线路调整后居民出行不便，建议恢复原站点", "学校门口上下学时段拥堵，建议增设交通协管", "路口信号灯时长不合理，行人过街困难"],
        ["供暖供水"] = ["供暖不达标，室温长期低于18度", "小区二次供水水压不足，高层住户用水困难", "暖气管道漏水，多次报修未处理"],
        ["物业管理"] = ["物业服务差，电梯经常故障", "物业费收费标准不透明，业主有意见", "小区绿地被改建为停车位"],
        ["社会保障"] = ["低保申请办理时间过长", "灵活就业人员社保缴费流程复杂", "残疾人补贴发放不及时"],
        ["教育"] = ["附近幼儿园学位紧张", "学校周边有流动摊贩，存在食品安全隐患", "课后服务收费问题咨询"],
        ["医疗卫生"] = ["社区卫生服务站药品种类少", "老年人就医挂号难，建议保留人工窗口", "社区医生签约服务落实不到位"],
        ["劳动就业"] = ["农民工工资被拖欠，希望帮助追讨", "希望增加就业技能培训名额", "退役军人就业帮扶咨询"],
        ["农业农村"] = ["村路年久失修，农机通行困难", "灌溉渠道淤堵，影响春耕", "农产品销售渠道少，希望搭建平台"],
        ["社会治安"] = ["小区周边夜间照明不足，存在安全隐患", "电动车在楼道充电，存在火灾隐患", "希望增加巡逻频次"],
        ["市场监管"] = ["超市销售过期食品", "预付卡商家跑路，消费者维权难", "农贸市场缺斤短两"],
        ["文化体育"] = ["社区缺少健身器材", "希望开放学校体育场地", "老年活动室面积不足"],
        ["养老服务"] = ["社区养老服务站服务项目少", "希望增设老年助餐点", "高龄津贴申领咨询"],
        ["其他"] = ["对政策文件有疑问，希望代表帮助解读", "建议加强防诈骗宣传", "希望公开社区办事流程"],
    };

    public static readonly string[] SuggestionTitles =
    [
        "关于加快老旧小区供热管网改造的建议", "关于优化中心城区公交线网的建议", "关于加强农村道路养护的建议",
        "关于完善社区居家养老服务体系的建议", "关于解决学校周边交通拥堵问题的建议", "关于加强松花江沿岸生态保护的建议",
        "关于规范物业服务收费的建议", "关于扩大普惠性幼儿园学位供给的建议", "关于推进农产品品牌建设的建议",
        "关于加强冰雪旅游基础设施建设的建议", "关于提升基层医疗卫生服务能力的建议", "关于治理餐饮油烟污染的建议",
        "关于保障农民工工资按时足额支付的建议", "关于增设城市公共停车场的建议", "关于加快背街小巷改造的建议",
    ];

    /// <summary>2026 public holidays and make-up working days (国务院办公厅关于2026年部分节假日安排的通知).</summary>
    public static readonly (string Date, CalendarDayKind Kind, string Name)[] Calendar2026 =
    [
        ("2026-01-01", CalendarDayKind.Holiday, "元旦"), ("2026-01-02", CalendarDayKind.Holiday, "元旦"),
        ("2026-01-03", CalendarDayKind.Holiday, "元旦"), ("2026-01-04", CalendarDayKind.WorkingDay, "元旦调休"),
        ("2026-02-14", CalendarDayKind.WorkingDay, "春节调休"),
        ("2026-02-15", CalendarDayKind.Holiday, "春节"), ("2026-02-16", CalendarDayKind.Holiday, "春节"),
        ("2026-02-17", CalendarDayKind.Holiday, "春节"), ("2026-02-18", CalendarDayKind.Holiday, "春节"),
        ("2026-02-19", CalendarDayKind.Holiday, "春节"), ("2026-02-20", CalendarDayKind.Holiday, "春节"),
        ("2026-02-21", CalendarDayKind.Holiday, "春节"), ("2026-02-22", CalendarDayKind.Holiday, "春节"),
        ("2026-02-23", CalendarDayKind.Holiday, "春节"), ("2026-02-28", CalendarDayKind.WorkingDay, "春节调休"),
        ("2026-04-04", CalendarDayKind.Holiday, "清明节"), ("2026-04-05", CalendarDayKind.Holiday, "清明节"),
        ("2026-04-06", CalendarDayKind.Holiday, "清明节"),
        ("2026-05-01", CalendarDayKind.Holiday, "劳动节"), ("2026-05-02", CalendarDayKind.Holiday, "劳动节"),
        ("2026-05-03", CalendarDayKind.Holiday, "劳动节"), ("2026-05-04", CalendarDayKind.Holiday, "劳动节"),
        ("2026-05-05", CalendarDayKind.Holiday, "劳动节"), ("2026-05-09", CalendarDayKind.WorkingDay, "劳动节调休"),
        ("2026-06-19", CalendarDayKind.Holiday, "端午节"), ("2026-06-20", CalendarDayKind.Holiday, "端午节"),
        ("2026-06-21", CalendarDayKind.Holiday, "端午节"),
        ("2026-09-20", CalendarDayKind.WorkingDay, "国庆节调休"),
        ("2026-09-25", CalendarDayKind.Holiday, "中秋节"), ("2026-09-26", CalendarDayKind.Holiday, "中秋节"),
        ("2026-09-27", CalendarDayKind.Holiday, "中秋节"),
        ("2026-10-01", CalendarDayKind.Holiday, "国庆节"), ("2026-10-02", CalendarDayKind.Holiday, "国庆节"),
        ("2026-10-03", CalendarDayKind.Holiday, "国庆节"), ("2026-10-04", CalendarDayKind.Holiday, "国庆节"),
        ("2026-10-05", CalendarDayKind.Holiday, "国庆节"), ("2026-10-06", CalendarDayKind.Holiday, "国庆节"),
        ("2026-10-07", CalendarDayKind.Holiday, "国庆节"), ("2026-10-10", CalendarDayKind.WorkingDay, "国庆节调休"),
    ];
}
