import { Arg, ID, Mutation, Query, Resolver } from 'type-graphql';
import { RequireScope, BadUserInputError } from '@mrt/graphql-kit';
import type { SourceEntity } from '../source/source.entity.js';
import type { SourceService } from '../source/source.service.js';
import { Source } from '../source/source.type.js';
import { findPreset, SOURCE_PRESETS, type SourcePresetDefinition } from './source-preset.catalog.js';
import { SourcePreset } from './source-preset.type.js';

@Resolver(() => SourcePreset)
export class SourcePresetResolver {
  constructor(private readonly sourceService: SourceService) {}

  @RequireScope('sources:write')
  @Query(() => [SourcePreset], { description: 'Known shops an operator can add by id (scope sources:write)' })
  sourcePresets(): readonly SourcePresetDefinition[] {
    return SOURCE_PRESETS;
  }

  @RequireScope('sources:write')
  @Mutation(() => Source, { description: "Adds a known shop's source from its preset, linked to the catalog distributor (scope sources:write)" })
  createSourceFromPreset(
    @Arg('preset', () => String, { description: 'A SourcePreset id' }) presetId: string,
    @Arg('distributorId', () => ID, { nullable: true, description: 'The catalog Distributor this shop is' }) distributorId?: string | null,
  ): Promise<SourceEntity> {
    const preset = findPreset(presetId);
    if (preset === undefined) {
      throw new BadUserInputError(`Unknown source preset "${presetId}"`, [{ path: 'preset', message: `one of ${SOURCE_PRESETS.map((p) => p.id).join(', ')}` }]);
    }
    return this.sourceService.create({
      name: preset.name,
      kind: preset.kind,
      url: preset.url,
      distributorId: distributorId ?? null,
      schedule: preset.schedule,
      options: preset.options,
    });
  }
}
