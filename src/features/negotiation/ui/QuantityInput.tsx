import { InputNumber } from 'antd';
import { parseQuantity, toUnits, unitLabel, type Lang } from '../units';

// A number input in the unit (yuan, days, …) for a value kept in hundredths.
const group = (s: string) => {
  const [whole = '', frac] = s.split('.');
  const w = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? w : `${w}.${frac}`;
};

export function QuantityInput(props: {
  value: number | null;
  onChange(v: number | null): void;
  unit: string;
  lang: Lang;
  testId?: string;
  status?: 'error' | 'warning';
  disabled?: boolean;
  width?: number | string;
}) {
  return (
    <InputNumber<number>
      style={{ width: props.width ?? '100%' }}
      value={props.value === null ? null : toUnits(props.value)}
      onChange={(v) => props.onChange(v === null || v === undefined ? null : parseQuantity(String(v)))}
      step={props.unit === 'yuan' ? 10_000 : 1}
      formatter={(v) => (v === undefined || v === null ? '' : group(String(v)))}
      parser={(v) => {
        const n = Number((v ?? '').replace(/[,\s¥￥]/g, ''));
        return Number.isFinite(n) ? Math.round(n * 100) / 100 : 0;
      }}
      controls={false}
      suffix={props.unit === 'yuan' ? (props.lang === 'zh-CN' ? '元' : 'yuan') : unitLabel(props.unit, props.lang)}
      status={props.status}
      disabled={props.disabled}
      data-testid={props.testId}
    />
  );
}
