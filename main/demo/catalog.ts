// Catalogs of the demo clinic: the price list, marketing sources, reason codes,
// specialties and branches. Prices are the current ones, in kopecks.

export const SPECIALTIES = ['therapist', 'surgeon', 'hygienist', 'orthopedist', 'orthodontist', 'pediatric'] as const;
export type Specialty = (typeof SPECIALTIES)[number];
export const SPEC = {
  therapist: 0, surgeon: 1, hygienist: 2, orthopedist: 3, orthodontist: 4, pediatric: 5,
} as const satisfies Record<Specialty, number>;

export interface ServiceDef {
  code: string;
  name: string;
  category: 'consultation' | 'diagnostics' | 'therapy' | 'hygiene' | 'surgery' | 'orthopedics' | 'orthodontics';
  specialty: Specialty | null;
  durationMin: number;
  price: number;
  recallDays?: number;
  /** The price was raised by this share in the middle of the history. */
  rise?: number;
}

export const SERVICES: readonly ServiceDef[] = [
  { code: 'CON-01', name: 'Первичная консультация стоматолога', category: 'consultation', specialty: 'therapist', durationMin: 30, price: 150000, rise: 0.2 },
  { code: 'CON-02', name: 'Повторная консультация', category: 'consultation', specialty: 'therapist', durationMin: 30, price: 80000 },
  { code: 'CON-03', name: 'Профилактический осмотр (check-up)', category: 'consultation', specialty: 'therapist', durationMin: 30, price: 120000, recallDays: 365 },
  { code: 'CON-04', name: 'Консультация хирурга-имплантолога', category: 'consultation', specialty: 'surgeon', durationMin: 30, price: 200000, rise: 0.15 },
  { code: 'CON-05', name: 'Консультация ортодонта', category: 'consultation', specialty: 'orthodontist', durationMin: 30, price: 200000 },
  { code: 'CON-06', name: 'Осмотр детского стоматолога', category: 'consultation', specialty: 'pediatric', durationMin: 30, price: 100000, recallDays: 180 },
  { code: 'DIA-01', name: 'Прицельный рентгеновский снимок (RVG)', category: 'diagnostics', specialty: null, durationMin: 15, price: 50000 },
  { code: 'DIA-02', name: 'Ортопантомограмма (ОПТГ)', category: 'diagnostics', specialty: null, durationMin: 15, price: 150000, rise: 0.2 },
  { code: 'DIA-03', name: 'Компьютерная томография (КЛКТ) одной челюсти', category: 'diagnostics', specialty: null, durationMin: 30, price: 450000 },
  { code: 'THE-01', name: 'Лечение кариеса, светоотверждаемая пломба', category: 'therapy', specialty: 'therapist', durationMin: 60, price: 650000, rise: 0.12 },
  { code: 'THE-02', name: 'Лечение пульпита одноканального зуба', category: 'therapy', specialty: 'therapist', durationMin: 90, price: 900000, rise: 0.12 },
  { code: 'THE-03', name: 'Лечение пульпита многоканального зуба', category: 'therapy', specialty: 'therapist', durationMin: 120, price: 1600000, rise: 0.12 },
  { code: 'THE-04', name: 'Временная пломба', category: 'therapy', specialty: 'therapist', durationMin: 30, price: 120000 },
  { code: 'THE-05', name: 'Анестезия инфильтрационная', category: 'therapy', specialty: null, durationMin: 5, price: 60000 },
  { code: 'THE-06', name: 'Художественная реставрация зуба', category: 'therapy', specialty: 'therapist', durationMin: 90, price: 1100000 },
  { code: 'THE-07', name: 'Лечение молочного зуба', category: 'therapy', specialty: 'pediatric', durationMin: 30, price: 350000 },
  { code: 'THE-08', name: 'Герметизация фиссур (один зуб)', category: 'therapy', specialty: 'pediatric', durationMin: 30, price: 200000 },
  { code: 'HYG-01', name: 'Профессиональная гигиена полости рта', category: 'hygiene', specialty: 'hygienist', durationMin: 60, price: 550000, recallDays: 180, rise: 0.1 },
  { code: 'HYG-02', name: 'Фторирование / реминерализующая терапия', category: 'hygiene', specialty: 'hygienist', durationMin: 30, price: 150000 },
  { code: 'HYG-03', name: 'Отбеливание Zoom', category: 'hygiene', specialty: 'hygienist', durationMin: 90, price: 2500000 },
  { code: 'HYG-04', name: 'Пародонтологическая терапия (сеанс)', category: 'hygiene', specialty: 'hygienist', durationMin: 30, price: 250000, rise: 0.1 },
  { code: 'SUR-01', name: 'Удаление зуба простое', category: 'surgery', specialty: 'surgeon', durationMin: 30, price: 300000, rise: 0.15 },
  { code: 'SUR-02', name: 'Удаление зуба сложное', category: 'surgery', specialty: 'surgeon', durationMin: 60, price: 650000 },
  { code: 'SUR-03', name: 'Удаление ретинированного зуба мудрости', category: 'surgery', specialty: 'surgeon', durationMin: 90, price: 1200000 },
  { code: 'SUR-04', name: 'Установка имплантата', category: 'surgery', specialty: 'surgeon', durationMin: 90, price: 4500000, rise: 0.1 },
  { code: 'SUR-05', name: 'Синус-лифтинг закрытый', category: 'surgery', specialty: 'surgeon', durationMin: 60, price: 2500000 },
  { code: 'ORP-01', name: 'Коронка металлокерамическая', category: 'orthopedics', specialty: 'orthopedist', durationMin: 60, price: 1800000, rise: 0.15 },
  { code: 'ORP-02', name: 'Коронка из диоксида циркония', category: 'orthopedics', specialty: 'orthopedist', durationMin: 60, price: 3200000 },
  { code: 'ORP-03', name: 'Культевая вкладка', category: 'orthopedics', specialty: 'orthopedist', durationMin: 45, price: 700000 },
  { code: 'ORP-04', name: 'Съёмный частичный протез', category: 'orthopedics', specialty: 'orthopedist', durationMin: 60, price: 3500000 },
  { code: 'ORP-05', name: 'Снятие оттисков', category: 'orthopedics', specialty: 'orthopedist', durationMin: 30, price: 250000 },
  { code: 'ORP-06', name: 'Коррекция съёмного протеза', category: 'orthopedics', specialty: 'orthopedist', durationMin: 30, price: 150000 },
  { code: 'ORT-01', name: 'Установка брекет-системы (одна челюсть)', category: 'orthodontics', specialty: 'orthodontist', durationMin: 120, price: 6000000, rise: 0.1 },
  { code: 'ORT-02', name: 'Плановая коррекция брекет-системы', category: 'orthodontics', specialty: 'orthodontist', durationMin: 30, price: 350000, rise: 0.15 },
  { code: 'ORT-03', name: 'Несъёмный ретейнер', category: 'orthodontics', specialty: 'orthodontist', durationMin: 60, price: 900000 },
];

/** What a visit is in the patient's story; picks the main service. */
export const KIND = { First: 0, Course: 1, Recall: 2, OrthoStart: 3, OrthoFollow: 4, OrthoEnd: 5, Regular: 6 } as const;

type Menu = ReadonlyArray<readonly [code: string, weight: number]>;

/** Main service of a visit by kind and specialty (index of SPECIALTIES). */
export const MAIN_MENU: Record<number, Record<number, Menu>> = {
  [KIND.First]: {
    [SPEC.therapist]: [['CON-01', 6], ['THE-01', 3], ['THE-04', 1]],
    [SPEC.surgeon]: [['CON-04', 4], ['SUR-01', 4], ['SUR-02', 2]],
    [SPEC.hygienist]: [['HYG-01', 8], ['HYG-03', 1]],
    [SPEC.orthopedist]: [['CON-01', 5], ['ORP-05', 2]],
    [SPEC.orthodontist]: [['CON-05', 1]],
    [SPEC.pediatric]: [['CON-06', 6], ['THE-07', 3]],
  },
  [KIND.Course]: {
    [SPEC.therapist]: [['THE-01', 8], ['THE-02', 3], ['THE-03', 1], ['THE-06', 1], ['THE-04', 2], ['CON-02', 5]],
    [SPEC.surgeon]: [['SUR-01', 6], ['SUR-02', 4], ['SUR-03', 2], ['SUR-04', 2], ['SUR-05', 1]],
    [SPEC.hygienist]: [['HYG-04', 6], ['HYG-02', 3], ['HYG-01', 2], ['HYG-03', 1]],
    [SPEC.orthopedist]: [['ORP-01', 4], ['ORP-02', 3], ['ORP-03', 2], ['ORP-04', 1], ['ORP-05', 3]],
    [SPEC.orthodontist]: [['ORT-02', 1]],
    [SPEC.pediatric]: [['THE-07', 3], ['THE-08', 2], ['CON-06', 1]],
  },
  [KIND.Recall]: {
    [SPEC.therapist]: [['CON-03', 1]],
    [SPEC.surgeon]: [['CON-04', 1]],
    [SPEC.hygienist]: [['HYG-01', 1]],
    [SPEC.orthopedist]: [['CON-02', 1]],
    [SPEC.orthodontist]: [['CON-05', 1]],
    [SPEC.pediatric]: [['CON-06', 1]],
  },
  [KIND.OrthoStart]: { [SPEC.orthodontist]: [['ORT-01', 1]] },
  [KIND.OrthoFollow]: { [SPEC.orthodontist]: [['ORT-02', 1]] },
  [KIND.OrthoEnd]: { [SPEC.orthodontist]: [['ORT-03', 1]] },
  // Regulars: periodontal maintenance, denture adjustments, long treatment plans.
  [KIND.Regular]: {
    [SPEC.therapist]: [['CON-02', 6], ['THE-04', 2]],
    [SPEC.surgeon]: [['CON-04', 2], ['SUR-01', 1]],
    [SPEC.hygienist]: [['HYG-04', 8], ['HYG-02', 2]],
    [SPEC.orthopedist]: [['ORP-06', 5], ['ORP-05', 2]],
    [SPEC.orthodontist]: [['ORT-02', 1]],
    [SPEC.pediatric]: [['CON-06', 2], ['THE-08', 1]],
  },
};

/** Services added to a visit beside the main one, by the main service's category. */
export const EXTRAS: Record<ServiceDef['category'], Menu> = {
  consultation: [['DIA-02', 4], ['DIA-01', 3], ['THE-04', 1], ['HYG-02', 1]],
  diagnostics: [['DIA-01', 1]],
  therapy: [['THE-05', 6], ['DIA-01', 4], ['THE-04', 1]],
  hygiene: [['HYG-02', 4], ['CON-03', 2], ['DIA-01', 1]],
  surgery: [['THE-05', 7], ['DIA-01', 3], ['DIA-03', 2]],
  orthopedics: [['DIA-01', 3], ['ORP-03', 2], ['THE-05', 2]],
  orthodontics: [['DIA-02', 2], ['HYG-02', 1]],
};

export interface SourceDef {
  code: string;
  name: string;
  /** Share of new patients at the start and at the end of the history. */
  share: readonly [number, number];
  /** Marketing spend per new patient brought, kopecks; 0 when it costs nothing. */
  costPerPatient: number;
}

export const SOURCES: readonly SourceDef[] = [
  { code: 'website', name: 'Сайт клиники', share: [0.12, 0.17], costPerPatient: 60000 },
  { code: 'google', name: 'Google', share: [0.06, 0.04], costPerPatient: 250000 },
  { code: 'yandex', name: 'Яндекс', share: [0.12, 0.17], costPerPatient: 200000 },
  { code: 'instagram', name: 'Instagram', share: [0.02, 0.08], costPerPatient: 150000 },
  { code: 'referral', name: 'Рекомендация знакомых', share: [0.26, 0.24], costPerPatient: 0 },
  { code: 'signboard', name: 'Вывеска', share: [0.16, 0.08], costPerPatient: 0 },
  { code: '2gis', name: '2ГИС', share: [0.07, 0.1], costPerPatient: 100000 },
  { code: 'flyer', name: 'Листовки', share: [0.09, 0.03], costPerPatient: 120000 },
  { code: 'partner', name: 'Партнёры (ДМС, предприятия)', share: [0.07, 0.06], costPerPatient: 50000 },
];

type Weighted = ReadonlyArray<readonly [code: string, weight: number]>;

export const REASONS: Record<'cancel' | 'no_show' | 'churn', Weighted> = {
  cancel: [['inconvenient_time', 35], ['changed_mind', 15], ['too_expensive', 10], ['went_elsewhere', 8], ['ill', 22], ['other', 10]],
  no_show: [['forgot', 55], ['ill', 20], ['no_reason', 25]],
  churn: [['moved', 1], ['price', 1], ['quality', 1], ['competitor', 1], ['treatment_finished', 1], ['doctor_left', 1], ['other', 1]],
};

export const CHANNELS: Weighted = [['phone', 55], ['walk_in', 8], ['website', 20], ['messenger', 12], ['referral', 5]];

export const REFUND_REASONS = [
  'Возврат: отказ от продолжения лечения',
  'Возврат: переплата',
  'Возврат: гарантийный случай',
  'Возврат: услуга не оказана',
] as const;

export interface BranchDef {
  name: string;
  city: string;
  address: string;
  /** Monthly rent at the start of the history, kopecks. */
  rent: number;
  /** Open on Sundays with a duty doctor. */
  sundays: boolean;
  /** Opened this many years after the start of the history. */
  opensAfterYears?: number;
}

export const BRANCHES: Record<'small' | 'large', readonly BranchDef[]> = {
  small: [
    { name: 'Улыбка на Профсоюзной', city: 'Москва', address: 'ул. Профсоюзная, д. 56', rent: 35000000, sundays: true },
    { name: 'Улыбка в Митино', city: 'Москва', address: 'Пятницкое ш., д. 18', rent: 25000000, sundays: false },
  ],
  large: [
    { name: 'Улыбка на Профсоюзной', city: 'Москва', address: 'ул. Профсоюзная, д. 56', rent: 60000000, sundays: true },
    { name: 'Улыбка в Митино', city: 'Москва', address: 'Пятницкое ш., д. 18', rent: 45000000, sundays: false },
    { name: 'Улыбка в Туле', city: 'Тула', address: 'пр-т Ленина, д. 85', rent: 22000000, sundays: false, opensAfterYears: 3 },
  ],
};

/** Doctors per branch by specialty: [therapist, surgeon, hygienist, orthopedist, orthodontist, pediatric];
 * the large clinic also replaces a therapist who leaves, 30 doctors in all. */
export const STAFFING: Record<'small' | 'large', ReadonlyArray<readonly number[]>> = {
  small: [[1, 1, 1, 1, 1, 1], [1, 0, 1, 0, 0, 0]],
  large: [[5, 1, 3, 1, 1, 1], [4, 0, 3, 1, 1, 1], [3, 1, 1, 1, 0, 1]],
};
