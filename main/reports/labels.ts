// Column labels of report results, in the four languages, so the API, the
// CLI and the spreadsheets name columns in the user's language.
import type { Locale } from '../../shared/api/settings';

type Labels = Record<Locale, string>;

const L: Record<string, Labels> = {
  month: { en: 'Month', ru: 'Месяц', uk: 'Місяць', zh: '月份' },
  newPatients: { en: 'New patients', ru: 'Новые пациенты', uk: 'Нові пацієнти', zh: '新患者' },
  totalPatients: { en: 'Patients in total', ru: 'Всего пациентов', uk: 'Усього пацієнтів', zh: '患者总数' },
  source: { en: 'Source', ru: 'Источник', uk: 'Джерело', zh: '来源' },
  revenue: { en: 'Revenue', ru: 'Выручка', uk: 'Виручка', zh: '收入' },
  spend: { en: 'Spend', ru: 'Расходы', uk: 'Витрати', zh: '支出' },
  costPerPatient: { en: 'Cost per new patient', ru: 'Цена нового пациента', uk: 'Ціна нового пацієнта', zh: '每位新患者成本' },
  roi: { en: 'ROI, %', ru: 'ROI, %', uk: 'ROI, %', zh: '投资回报率, %' },
  doctor: { en: 'Doctor', ru: 'Врач', uk: 'Лікар', zh: '医生' },
  primary: { en: 'First-time patients', ru: 'Первичные', uk: 'Первинні', zh: '初诊患者' },
  returned: { en: 'Came back', ru: 'Вернулись', uk: 'Повернулися', zh: '复诊' },
  retentionPct: { en: 'Retention, %', ru: 'Удержание, %', uk: 'Утримання, %', zh: '留存率, %' },
  repeat: { en: 'Repeat patients', ru: 'Повторные', uk: 'Повторні', zh: '老患者' },
  lost: { en: 'Lost patients', ru: 'Потерянные', uk: 'Втрачені', zh: '流失患者' },
  period: { en: 'Period', ru: 'Период', uk: 'Період', zh: '期间' },
  from: { en: 'From', ru: 'С', uk: 'З', zh: '从' },
  to: { en: 'To', ru: 'По', uk: 'По', zh: '至' },
  uniquePatients: { en: 'Unique patients', ru: 'Уникальные пациенты', uk: 'Унікальні пацієнти', zh: '就诊患者数' },
  visits: { en: 'Visits', ru: 'Визиты', uk: 'Візити', zh: '就诊次数' },
  weekday: { en: 'Weekday', ru: 'День недели', uk: 'День тижня', zh: '星期' },
  hour: { en: 'Hour', ru: 'Час', uk: 'Година', zh: '小时' },
  averageCheck: { en: 'Average check', ru: 'Средний чек', uk: 'Середній чек', zh: '客单价' },
  rank: { en: 'Rank', ru: 'Место', uk: 'Місце', zh: '排名' },
  patientId: { en: 'Patient ID', ru: 'ID пациента', uk: 'ID пацієнта', zh: '患者编号' },
  patient: { en: 'Patient', ru: 'Пациент', uk: 'Пацієнт', zh: '患者' },
  paid: { en: 'Paid', ru: 'Оплачено', uk: 'Сплачено', zh: '已付' },
  phone: { en: 'Phone', ru: 'Телефон', uk: 'Телефон', zh: '电话' },
  debt: { en: 'Debt', ru: 'Долг', uk: 'Борг', zh: '欠款' },
  oldestUnpaid: { en: 'Oldest unpaid visit', ru: 'Самый старый неоплаченный визит', uk: 'Найстаріший неоплачений візит', zh: '最早未付就诊' },
  bucket: { en: 'Age of debt, days', ru: 'Возраст долга, дней', uk: 'Вік боргу, днів', zh: '欠款账龄（天）' },
  branch: { en: 'Branch', ru: 'Филиал', uk: 'Філія', zh: '分院' },
  city: { en: 'City', ru: 'Город', uk: 'Місто', zh: '城市' },
  expenses: { en: 'Expenses', ru: 'Расходы', uk: 'Витрати', zh: '费用' },
  profit: { en: 'Profit', ru: 'Прибыль', uk: 'Прибуток', zh: '利润' },
  sharePct: { en: 'Share of revenue, %', ru: 'Доля выручки, %', uk: 'Частка виручки, %', zh: '收入占比, %' },
  scheduled: { en: 'Scheduled', ru: 'Записано', uk: 'Записано', zh: '预约数' },
  completed: { en: 'Completed', ru: 'Состоялось', uk: 'Відбулося', zh: '已完成' },
  noShow: { en: 'No-shows', ru: 'Неявки', uk: 'Неявки', zh: '爽约' },
  cancelled: { en: 'Cancelled', ru: 'Отменено', uk: 'Скасовано', zh: '已取消' },
  noShowPct: { en: 'No-show rate, %', ru: 'Доля неявок, %', uk: 'Частка неявок, %', zh: '爽约率, %' },
  cohort: { en: 'Cohort', ru: 'Когорта', uk: 'Когорта', zh: '队列' },
  size: { en: 'Size', ru: 'Размер', uk: 'Розмір', zh: '人数' },
  service: { en: 'Service', ru: 'Услуга', uk: 'Послуга', zh: '项目' },
  lastDone: { en: 'Last done', ru: 'Последний раз', uk: 'Останній раз', zh: '上次' },
  dueDate: { en: 'Due', ru: 'Срок', uk: 'Термін', zh: '到期' },
  overdueDays: { en: 'Overdue, days', ru: 'Просрочено, дней', uk: 'Прострочено, днів', zh: '逾期天数' },
  unknown: { en: 'Unknown', ru: 'Не указана', uk: 'Не вказана', zh: '未知' },
  employee: { en: 'Employee', ru: 'Сотрудник', uk: 'Співробітник', zh: '员工' },
  employeeId: { en: 'Employee ID', ru: 'ID сотрудника', uk: 'ID співробітника', zh: '员工编号' },
  due: { en: 'Due in the period', ru: 'Срок в периоде', uk: 'Термін у періоді', zh: '期内到期' },
  doneOnTime: { en: 'Done on time', ru: 'Выполнено в срок', uk: 'Виконано вчасно', zh: '按时完成' },
  doneLate: { en: 'Done late', ru: 'Выполнено с опозданием', uk: 'Виконано із запізненням', zh: '逾期完成' },
  open: { en: 'Open', ru: 'Открыто', uk: 'Відкрито', zh: '未完成' },
  overdue: { en: 'Overdue', ru: 'Просрочено', uk: 'Прострочено', zh: '已逾期' },
  asOf: { en: 'As of', ru: 'На дату', uk: 'На дату', zh: '截至' },
  campaign: { en: 'Campaign', ru: 'Кампания', uk: 'Кампанія', zh: '营销活动' },
  members: { en: 'Members', ru: 'Участники', uk: 'Учасники', zh: '目标人数' },
  contacted: { en: 'Contacted', ru: 'Связались', uk: 'Зв’язалися', zh: '已联系' },
  converted: { en: 'Came for a visit', ru: 'Пришли на визит', uk: 'Прийшли на візит', zh: '已到诊' },
  cost: { en: 'Cost', ru: 'Затраты', uk: 'Витрати', zh: '成本' },
};

const MONTH_K: Labels = { en: 'Month {k}', ru: 'Месяц {k}', uk: 'Місяць {k}', zh: '第{k}个月' };

const REASONS: Record<string, Labels> = {
  moved: { en: 'Moved away', ru: 'Переезд', uk: 'Переїзд', zh: '搬迁' },
  price: { en: 'Price', ru: 'Цена', uk: 'Ціна', zh: '价格' },
  quality: { en: 'Quality', ru: 'Качество', uk: 'Якість', zh: '质量' },
  competitor: { en: 'Went to a competitor', ru: 'Ушёл к конкуренту', uk: 'Пішов до конкурента', zh: '转至竞争对手' },
  treatment_finished: { en: 'Treatment finished', ru: 'Лечение завершено', uk: 'Лікування завершено', zh: '治疗结束' },
  doctor_left: { en: 'Doctor left', ru: 'Врач ушёл', uk: 'Лікар пішов', zh: '医生离职' },
  other: { en: 'Other', ru: 'Другое', uk: 'Інше', zh: '其他' },
  unknown: L.unknown,
  inconvenient_time: { en: 'Inconvenient time', ru: 'Неудобное время', uk: 'Незручний час', zh: '时间不便' },
  changed_mind: { en: 'Changed mind', ru: 'Передумал', uk: 'Передумав', zh: '改变主意' },
  too_expensive: { en: 'Too expensive', ru: 'Дорого', uk: 'Дорого', zh: '太贵' },
  went_elsewhere: { en: 'Went elsewhere', ru: 'Ушёл в другую клинику', uk: 'Пішов до іншої клініки', zh: '去了别处' },
  ill: { en: 'Ill', ru: 'Болезнь', uk: 'Хвороба', zh: '生病' },
  forgot: { en: 'Forgot', ru: 'Забыл', uk: 'Забув', zh: '忘记' },
  no_reason: { en: 'No reason given', ru: 'Без причины', uk: 'Без причини', zh: '无原因' },
};

/** The label of a result column: a known key, `m<k>` of cohorts, or `reason:<code>`. */
export function columnLabel(key: string, locale: Locale): string {
  if (L[key]) return L[key][locale];
  const k = key.match(/^m(\d+)$/);
  if (k) return MONTH_K[locale].replace('{k}', k[1]);
  const reason = key.match(/^reason:(.+)$/);
  if (reason) return REASONS[reason[1]]?.[locale] ?? reason[1];
  return key;
}
